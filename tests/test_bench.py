"""The benchmark measures what it says and reports it with its context; its figures never fail the suite.

The fast tests check the measuring (CPU of the process and of the children it waited for), the
summaries, the ratios, the busy warning and the table on made-up samples. The slow ones run the whole
benchmark on a tiny corpus. No test asserts how fast anything is.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

import pytest

from scorm_export import bench
from scorm_export.bench import (
    BUSY_MESSAGE,
    COMPARISONS,
    PHASES,
    SCALING_LESSONS,
    BenchOptions,
    corpus_sizes,
    format_table,
    measure,
    phase_names,
    run_bench,
    summarise_run,
)
from scorm_export.bench_corpus import CorpusSize, write_corpus
from scorm_export.cli import main
from scorm_export.packages.formats import FORMATS

from .helpers import REPO, write_project

FORMAT_KEYS = [package_format.key for package_format in FORMATS]


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


# --- measuring -----------------------------------------------------------------------------------

BURN = "import time\nwhile time.process_time() < {seconds}: pass\n"  # runs until it has used that much CPU


def _burn(seconds: float) -> None:
    until = time.process_time() + seconds
    while time.process_time() < until:
        pass


def test_cpu_time_is_the_process_own_when_it_has_no_children():
    found = measure(lambda: _burn(0.2))
    assert found["cpu_self_seconds"] >= 0.18
    assert found["cpu_children_seconds"] == 0
    assert found["children_max_rss_kb"] == 0
    assert found["max_rss_kb"] > 0


def test_cpu_time_counts_the_child_processes_the_work_waited_for():
    # a worker process that burns 0.3 s of CPU while this process only waits: wall time alone would
    # not tell work done here from waiting, CPU of self alone would miss the worker
    found = measure(lambda: subprocess.run([sys.executable, "-c", BURN.format(seconds=0.3)], check=True))
    assert found["cpu_children_seconds"] >= 0.28
    assert found["cpu_self_seconds"] < found["cpu_children_seconds"]
    assert found["children_max_rss_kb"] > 0
    assert found["live_children"] == 0


def test_a_child_process_still_running_after_the_work_is_reported_as_unmeasured():
    started = []
    before = bench._live_children()
    try:
        found = measure(lambda: started.append(subprocess.Popen([sys.executable, "-c", "import signal; signal.pause()"])))
        assert found["live_children"] == before + 1
    finally:
        for process in started:
            process.kill()
            process.wait()


# --- summaries, ratios, the busy warning, the table ----------------------------------------------


def _sample(wall: float, cpu_self: float, cpu_children: float = 0.0, rss_kb: int = 50_000) -> dict:
    return {
        "wall_seconds": wall,
        "cpu_self_seconds": cpu_self,
        "cpu_children_seconds": cpu_children,
        "max_rss_kb": rss_kb,
        "children_max_rss_kb": 30_000 if cpu_children else 0,
        "live_children": 0,
        "process_wall_seconds": wall + 0.3,
        "process_cpu_seconds": cpu_self + cpu_children + 0.25,
        "cpu_pressure_us": 0,
    }


QUIET = {"before": [0.1, 0.1, 0.1], "before_at_seconds": 5.0, "after": [0.9, 0.5, 0.2], "after_at_seconds": 300.0}
BUSY = {"before": [3.5, 3.0, 2.0], "before_at_seconds": 5.0, "after": [4.0, 3.2, 2.1], "after_at_seconds": 300.0}
CORPUS = {"courses": 2, "lessons_per_course": 5, "lessons": 10, "words": 8000, "words_per_lesson": 800, "seed": 1}


def _samples(formats, build_walls=(2.0, 2.1, 2.2)) -> dict:
    """Made-up runs: the build uses 1.5 s of CPU and a worker 0.5 s; MkDocs 1.0 s; exports 0.3 s, zips 0.1 s."""
    samples = {
        "baseline": [_sample(0.0, 0.0)] * 3,
        "check": [_sample(0.5, 0.4), _sample(0.6, 0.5), _sample(0.55, 0.45)],
        "build": [_sample(wall, 1.5, 0.5) for wall in build_walls],
        "mkdocs": [_sample(1.0, 0.9), _sample(1.1, 1.0), _sample(1.05, 1.1)],
        "preview": [_sample(0.8, 0.7), _sample(0.9, 0.8), _sample(0.85, 0.75)],
    }
    for key in formats:
        samples[f"export:{key}"] = [_sample(0.3, 0.3)] * 3
        samples[f"zip:{key}"] = [_sample(0.2, 0.1)] * 3
    return samples


def _results(runs: list[dict], load=None) -> dict:
    machine = bench.machine()
    load = load or {"before": [0.1, 0.1, 0.1], "after": [0.9, 0.5, 0.2], "seconds": 300.0}
    return {
        "machine": machine,
        "load": load,
        "busy": bench._busy_overall(machine, load, runs),
        "versions": {"mkdocs": "1.6.1"},
        "runs": runs,
    }


def test_summaries_give_min_median_max_of_wall_and_cpu_and_cpu_is_self_plus_children():
    run = summarise_run(CORPUS, _samples(FORMAT_KEYS), FORMAT_KEYS, QUIET, cores=2)
    assert list(run["phases"]) == phase_names(FORMAT_KEYS)
    assert run["repeat"] == 3
    build = run["phases"]["build"]
    assert build["label"] == "full build (site + all packages)"
    assert build["wall"] == {"min": 2.0, "median": 2.1, "max": 2.2}
    assert build["cpu_seconds"] == [2.0, 2.0, 2.0] and build["cpu_children_seconds"] == [0.5, 0.5, 0.5]
    assert build["cpu"] == {"min": 2.0, "median": 2.0, "max": 2.0}
    assert build["cpu_ms_per_lesson"] == 200.0 and build["wall_ms_per_lesson"] == 210.0
    assert build["wall_spread"] == pytest.approx(0.1, abs=1e-3)
    assert build["process"] == {"wall_median": 2.4, "cpu_median": 2.25}
    assert build["peak_rss_mb"] == pytest.approx(48.8, abs=0.1) and build["children_peak_rss_mb"] > 0
    check = run["phases"]["check"]
    assert check["wall"] == {"min": 0.5, "median": 0.55, "max": 0.6} and check["cpu"] == {"min": 0.4, "median": 0.45, "max": 0.5}


def test_ratios_are_of_medians_for_cpu_and_wall_and_say_whether_the_target_is_met():
    run = summarise_run(CORPUS, _samples(FORMAT_KEYS), FORMAT_KEYS, QUIET, cores=2)
    assert set(run["ratios"]) == {"build_vs_mkdocs", *(f"export_vs_zip:{key}" for key in FORMAT_KEYS)}
    build = run["ratios"]["build_vs_mkdocs"]
    # build: CPU median 2.0, wall median 2.1; MkDocs: CPU median 1.0, wall median 1.05
    assert (build["cpu"], build["wall"], build["target"]) == (2.0, 2.0, 1.2)
    assert (build["cpu_met"], build["wall_met"], build["met"]) == (False, False, False)
    assert (build["numerator"], build["denominator"]) == ("build", "mkdocs")
    export = run["ratios"][f"export_vs_zip:{FORMAT_KEYS[0]}"]
    # export 0.3 s CPU and wall; zip 0.1 s CPU, 0.2 s wall
    assert (export["cpu"], export["wall"], export["target"]) == (3.0, 1.5, 2.0)
    assert (export["cpu_met"], export["wall_met"], export["met"]) == (False, True, False)


def test_a_quiet_machine_gives_no_warning():
    run = summarise_run(CORPUS, _samples(FORMAT_KEYS), FORMAT_KEYS, QUIET, cores=2)
    assert run["busy"] == {"busy": False, "reasons": []}
    results = _results([run])
    assert results["busy"]["busy"] is False and results["busy"]["message"] is None
    assert BUSY_MESSAGE not in format_table(results)


def test_a_high_load_average_or_a_wide_spread_is_a_warning():
    loaded = summarise_run(CORPUS, _samples(FORMAT_KEYS), FORMAT_KEYS, BUSY, cores=2)
    assert loaded["busy"]["busy"] and len(loaded["busy"]["reasons"]) == 2
    assert all("load average" in reason for reason in loaded["busy"]["reasons"])
    spread = summarise_run(CORPUS, _samples(FORMAT_KEYS, build_walls=(2.0, 2.1, 3.0)), FORMAT_KEYS, QUIET, cores=2)
    [reason] = spread["busy"]["reasons"]
    assert "full build" in reason and "spread 50.0 %" in reason
    results = _results([spread])
    assert results["busy"]["busy"] and results["busy"]["message"] == BUSY_MESSAGE
    assert results["busy"]["reasons"] == [reason]
    table = format_table(results)
    assert f"WARNING: {BUSY_MESSAGE}" in table and reason in table
    assert "! the slowest run is more than 25 % slower than the fastest" in table


def test_cpu_pressure_during_the_runs_is_a_warning():
    samples = _samples(FORMAT_KEYS)
    for found in samples.values():
        for index, sample in enumerate(found):
            found[index] = {**sample, "cpu_pressure_us": round(0.5 * sample["process_wall_seconds"] * 1e6)}
    run = summarise_run(CORPUS, samples, FORMAT_KEYS, QUIET, cores=2)
    assert run["cpu_pressure"] == 0.5
    assert [reason for reason in run["busy"]["reasons"] if "waited for a CPU" in reason]


def test_the_load_limit_allows_for_the_benchmarks_own_process():
    # at the start the benchmark adds nothing; after minutes of keeping one process busy, about 1
    assert bench._load_reason("before", [0.9, 0, 0], 0, cores=2) is None
    assert bench._load_reason("before", [1.1, 0, 0], 0, cores=2)
    assert bench._load_reason("after", [1.9, 0, 0], 600, cores=2) is None
    assert bench._load_reason("after", [2.1, 0, 0], 600, cores=2)
    assert bench._load_reason("after", None, 600, cores=2) is None


def test_short_phases_are_not_judged_by_their_spread():
    samples = _samples(FORMAT_KEYS)
    samples["zip:" + FORMAT_KEYS[0]] = [_sample(0.01, 0.01), _sample(0.03, 0.01), _sample(0.02, 0.01)]
    run = summarise_run(CORPUS, samples, FORMAT_KEYS, QUIET, cores=2)
    assert run["phases"]["zip:" + FORMAT_KEYS[0]]["wall_spread"] == 2.0
    assert not run["busy"]["busy"]


def test_the_table_shows_wall_min_median_max_cpu_and_the_ratios_against_their_targets():
    run = summarise_run(CORPUS, _samples(FORMAT_KEYS), FORMAT_KEYS, QUIET, cores=2)
    table = format_table(_results([run]))
    lines = table.splitlines()
    assert lines[0].startswith("Machine: ") and "logical CPUs" in lines[0] and "GB RAM" in lines[0]
    assert any(line.startswith("Load average (1, 5, 15 min): before 0.10 0.10 0.10, after 0.90 0.50 0.20") for line in lines)
    assert any(line.split() == ["min", "median", "max", "median", "ms/lesson", "MB"] for line in lines)
    [build] = [line for line in lines if line.startswith("full build (site + all packages) ")]
    assert build.split()[-6:] == ["2.00", "2.10", "2.20", "2.00", "200.0", "49"]
    [ratio] = [line for line in lines if line.startswith("full build / plain MkDocs")]
    assert ratio.split()[-5:] == ["2.00×", "2.00×", "≤", "1.20×", "no"]
    [export] = [line for line in lines if line.startswith(f"export / zipfile, {FORMATS[0].label} ")]
    assert export.split()[-6:] == ["3.00×", "1.50×", "≤", "2.00×", "wall", "only"]
    assert "full build (site + all packages): 0.50 s of the CPU median in child processes" in table
    for name in phase_names(FORMAT_KEYS):
        assert bench.label(name) in table


def test_the_scaling_table_has_a_column_per_size():
    small = summarise_run(CORPUS, _samples(FORMAT_KEYS), FORMAT_KEYS, QUIET, cores=2)
    large = summarise_run({**CORPUS, "courses": 8, "lessons": 40}, _samples(FORMAT_KEYS), FORMAT_KEYS, QUIET, cores=2)
    table = format_table(_results([small, large]))
    assert "10 lessons 3, 40 lessons 3" in table
    scaling = table.split("Scaling: ")[1]
    [build] = [line for line in scaling.splitlines() if line.startswith("full build (site + all packages) ")]
    assert "2.10 (200.0)" in build and "2.10 ( 50.0)" in build
    assert "peak RSS of the full build" in table


def test_every_phase_and_comparison_is_in_the_one_table():
    names = phase_names(["scorm12", "cc13"])
    assert names == ["baseline", "check", "build", "mkdocs", "preview", "export:scorm12", "zip:scorm12", "export:cc13", "zip:cc13"]
    assert len({phase.name for phase in PHASES}) == len(PHASES)
    for comparison in COMPARISONS:
        assert {comparison.numerator, comparison.denominator} <= {phase.name for phase in PHASES}


def test_scaling_runs_250_1000_and_4000_lessons_with_fewer_runs_for_the_largest():
    sizes = corpus_sizes(BenchOptions(lessons=50, repeat=3, scaling=True))
    assert SCALING_LESSONS == (250, 1000, 4000)
    assert [(size.lessons, repeat) for size, repeat in sizes] == [(250, 3), (1000, 3), (4000, 2)]
    assert [(size.lessons, repeat) for size, repeat in corpus_sizes(BenchOptions(lessons=50, repeat=1, scaling=True))] == [
        (250, 1),
        (1000, 1),
        (4000, 1),
    ]
    assert corpus_sizes(BenchOptions(courses=2, lessons=3, repeat=5)) == [(CorpusSize(2, 3), 5)]


# --- the whole benchmark on a tiny corpus --------------------------------------------------------


def _pages_with_tables(site):
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if "<table" in path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_benchmark_runs_on_a_tiny_corpus_and_writes_json_with_cpu_wall_and_context(tmp_path):
    out = tmp_path / "bench.json"
    results = run_bench(REPO, BenchOptions(courses=1, lessons=2, repeat=2, out=out, workdir=tmp_path / "work"))
    assert json.loads(out.read_text(encoding="utf-8")) == results
    assert results["schema"] == 2
    machine = results["machine"]
    assert machine["logical_cpus"] >= machine["usable_cpus"] >= 1 and machine["cores_for_load"] >= 1
    assert machine["cpu_model"] and machine["python"] and machine["platform"] and machine["ram_gb"] > 0
    for when in ("before", "after"):
        assert len(results["load"][when]) == 3 and all(value >= 0 for value in results["load"][when])
    assert results["busy"]["busy"] is bool(results["busy"]["reasons"])
    assert results["targets"] == {"build_vs_mkdocs": 1.2, "export_vs_zip": 2.0}

    [run] = results["runs"]
    assert run["corpus"]["lessons"] == 2 and run["repeat"] == 2
    assert len(run["load"]["before"]) == 3 and run["load"]["after_at_seconds"] >= run["load"]["before_at_seconds"]
    assert list(run["phases"]) == phase_names(FORMAT_KEYS)
    for name, summary in run["phases"].items():
        assert len(summary["wall_seconds"]) == len(summary["cpu_seconds"]) == 2, name
        for total, own, children in zip(summary["cpu_seconds"], summary["cpu_self_seconds"], summary["cpu_children_seconds"], strict=True):
            assert total == pytest.approx(own + children, abs=2e-4), name
        for measure_name in ("wall", "cpu"):
            stats = summary[measure_name]
            assert 0 <= stats["min"] <= stats["median"] <= stats["max"], name
        # the parent times the whole phase process, which holds the measured work
        assert summary["process"]["wall_median"] >= summary["wall"]["median"] - 1e-3, name
        assert summary["process"]["cpu_median"] >= summary["cpu"]["median"] - 1e-3, name
        assert summary["peak_rss_mb"] > 0 and summary["unmeasured_children"] == 0, name
    assert run["phases"]["build"]["cpu"]["median"] > run["phases"]["baseline"]["cpu"]["median"]
    phases = run["phases"]
    for name, ratio in run["ratios"].items():
        for measure_name in ("cpu", "wall"):
            expected = phases[ratio["numerator"]][measure_name]["median"] / phases[ratio["denominator"]][measure_name]["median"]
            assert ratio[measure_name] == pytest.approx(expected, abs=0.006), name
            assert ratio[f"{measure_name}_met"] is (ratio[measure_name] <= ratio["target"]), name
    assert set(run["ratios"]) == {"build_vs_mkdocs", *(f"export_vs_zip:{key}" for key in FORMAT_KEYS)}
    assert set(run["packages"]) == set(FORMAT_KEYS)
    assert all(size["count"] == 1 and size["total_bytes"] > 0 for size in run["packages"].values())
    assert run["site"]["html_pages"] >= 2 + 1
    # the yardstick renders the same pages as the build, lesson bodies included (each lesson has a table)
    workspace = tmp_path / "work" / "corpus-1x2"
    assert _pages_with_tables(workspace / "yardstick" / "site") == _pages_with_tables(workspace / "site")
    assert len(_pages_with_tables(workspace / "site")) >= 2

    table = format_table(results)
    assert "ratio of medians" in table and "≤ 1.20×" in table and "≤ 2.00×" in table
    assert (BUSY_MESSAGE in table) is results["busy"]["busy"]
    build_cpu = statistics.median(phases["build"]["cpu_seconds"])
    [line] = [line for line in table.splitlines() if line.startswith("full build (site + all packages) ")]
    # the CPU median column (min, median, max wall; CPU median; ms/lesson; MB): the median of two runs may end
    # in a 5 in the third decimal, which the table and an f-string may round either way
    assert float(line.split()[-3]) == pytest.approx(build_cpu, abs=0.0051)


@pytest.mark.slow
def test_build_py_bench_prints_the_table_and_writes_the_json(tmp_path, capsys):
    project = write_project(tmp_path / "project", {})
    out = tmp_path / "results" / "bench.json"
    assert main(["--root", str(project.root), "bench", "--courses", "1", "--lessons", "2", "--repeat", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "plain MkDocs" in printed and "ratio of medians" in printed and "Load average" in printed and str(out) in printed
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["runs"][0]["corpus"]["lessons"] == 2 and results["schema"] == 2


def test_build_py_bench_refuses_a_repeat_of_zero(tmp_path, capsys):
    project = write_project(tmp_path / "project", {})
    assert main(["--root", str(project.root), "bench", "--repeat", "0", "--out", str(tmp_path / "bench.json")]) == 2
    assert "--repeat" in capsys.readouterr().err
    assert not (tmp_path / "bench.json").exists()
