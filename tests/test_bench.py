"""The benchmark runs on a tiny corpus and writes sane JSON; its figures never fail the suite."""

from __future__ import annotations

import json

from scorm_export.bench import BenchOptions, format_table, run_bench
from scorm_export.bench_corpus import CorpusSize, write_corpus
from scorm_export.cli import main
from scorm_export.packages.writer import WRITERS

from .conftest import REPO, write_project


def _files(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_the_same_seed_writes_the_same_corpus(tmp_path):
    write_corpus(tmp_path / "a", CorpusSize(2, 3), seed=7)
    write_corpus(tmp_path / "b", CorpusSize(2, 3), seed=7)
    write_corpus(tmp_path / "c", CorpusSize(2, 3), seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_the_corpus_loads_without_problems_and_has_lessons_of_about_800_words(tmp_path, load):
    words = write_corpus(tmp_path / "content", CorpusSize(2, 12))
    result = load(_files(tmp_path / "content"))
    assert not result.problems.items, [str(problem) for problem in result.problems.items]
    courses = result.catalogue.courses
    assert [len(course.lessons) for course in courses] == [12, 12]
    assert [len(course.modules) for course in courses] == [2, 2]
    assert 700 <= words / 24 <= 900
    body = courses[0].lessons[0].body
    assert "\n## " in body and "\n- " in body and "\n1. " in body and "|---|" in body and "![" in body


def test_the_benchmark_runs_on_a_tiny_corpus_and_writes_sane_json(tmp_path):
    out = tmp_path / "bench.json"
    results = run_bench(REPO, BenchOptions(courses=2, lessons=3, repeat=1, out=out, workdir=tmp_path / "work"))
    assert json.loads(out.read_text(encoding="utf-8")) == results
    assert results["machine"]["nproc"] >= 1 and results["machine"]["python"]
    [run] = results["runs"]
    assert run["corpus"]["lessons"] == 6
    formats = list(WRITERS)
    assert set(run["phases"]) == {"baseline", "check", "build", "mkdocs", *(f"{kind}:{key}" for key in formats for kind in ("export", "zip"))}
    for phase, summary in run["phases"].items():
        assert len(summary["seconds"]) == 1
        assert summary["median_seconds"] >= 0 and summary["peak_rss_mb"] > 0, phase
    assert run["phases"]["build"]["median_seconds"] > run["phases"]["check"]["median_seconds"]
    assert run["ratios"]["build_vs_mkdocs"] > 0
    assert set(run["packages"]) == set(formats)
    assert all(size["count"] == 2 and size["total_bytes"] > 0 for size in run["packages"].values())
    assert run["site"]["html_pages"] >= 6 + 2
    assert "full build / plain MkDocs" in format_table(results)


def test_build_py_bench_prints_the_table_and_writes_the_json(tmp_path, capsys):
    project = write_project(tmp_path / "project", {})
    out = tmp_path / "results" / "bench.json"
    assert main(["--root", str(project.root), "bench", "--courses", "1", "--lessons", "2", "--repeat", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "plain MkDocs" in printed and str(out) in printed
    assert json.loads(out.read_text(encoding="utf-8"))["runs"][0]["corpus"]["lessons"] == 2
