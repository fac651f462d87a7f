"""The benchmark behind `python build.py bench`: how long the build takes, against plain MkDocs and plain zip.

On one synthetic corpus (see bench_corpus) it measures, each phase in a fresh Python process so that
times and peak memory are not polluted by earlier phases:

- check: load and validate everything (`scorm_export.build.check`);
- build: the full build, site and every package (`scorm_export.build.build`);
- mkdocs: plain MkDocs on the same docs tree with the same theme and settings (the yardstick);
- export:<format>: writing one package format for every course, from the loaded model;
- zip:<format>: zipping the same rendered files with Python's zipfile (the floor);
- baseline: a process that only imports what the phases import.

Runs alternate between phases and the report gives medians.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

from .bench_corpus import DEFAULT_SEED, CorpusSize, write_corpus
from .packages.formats import BY_KEY, FORMATS

PROJECT_PARTS = ("licenses", "theme", "mkdocs.yml")
SCALING_LESSONS = (250, 500, 1000)
YARDSTICK_CONFIG = Path("yardstick") / "mkdocs.generated.yml"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
WIDTH = 52  # the phase column of the table


@dataclass(frozen=True)
class BenchOptions:
    courses: int = 20
    lessons: int = 50  # per course
    repeat: int = 3
    scaling: bool = False
    out: Path = Path("bench-results/bench.json")
    workdir: Path | None = None  # None: a temporary folder, removed afterwards
    seed: int = DEFAULT_SEED


def run_bench(project_root: Path, options: BenchOptions, progress: Callable[[str], None] = lambda message: None) -> dict:
    """Run the benchmark, write its JSON to `options.out` and return the results."""
    scratch = Path(options.workdir or tempfile.mkdtemp(prefix="scorm-export-bench-"))
    try:
        sizes = [CorpusSize(options.courses, options.lessons)]
        if options.scaling:
            sizes = [CorpusSize(max(1, total // options.lessons), options.lessons) for total in SCALING_LESSONS]
        runs = [
            _measure(project_root, size, options, scratch / f"corpus-{size.courses}x{size.lessons_per_course}", progress)
            for size in sizes
        ]
    finally:
        if options.workdir is None:
            shutil.rmtree(scratch, ignore_errors=True)
    results = {
        "machine": machine(),
        "versions": {name: metadata.version(name) for name in ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions")},
        "options": {**asdict(options), "out": str(options.out), "workdir": str(options.workdir) if options.workdir else None},
        "runs": runs,
    }
    out = options.out if options.out.is_absolute() else project_root / options.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def machine() -> dict:
    pages = os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(pages * os.sysconf("SC_PAGE_SIZE") / 1024**3, 1) if pages else None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": _cpu_model(),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor()


# --- one corpus size -----------------------------------------------------------------------------


def _measure(project_root: Path, size: CorpusSize, options: BenchOptions, workspace: Path, progress) -> dict:
    progress(f"{size.courses} courses × {size.lessons_per_course} lessons: writing the corpus and preparing …")
    words = _prepare(project_root, size, options.seed, workspace)
    formats = _formats(workspace)
    phases = ["baseline", "check", "build", "mkdocs", *(f"{kind}:{key}" for key in formats for kind in ("export", "zip"))]
    samples: dict[str, list[dict]] = {phase: [] for phase in phases}
    for run in range(1, options.repeat + 1):
        for phase in phases:
            progress(f"  run {run}/{options.repeat}: {phase}")
            samples[phase].append(_run_child(phase, workspace))
    summary = {phase: _summarise(found) for phase, found in samples.items()}
    ratios = {"build_vs_mkdocs": _ratio(summary["build"], summary["mkdocs"])}
    ratios.update({f"export_vs_zip:{key}": _ratio(summary[f"export:{key}"], summary[f"zip:{key}"]) for key in formats})
    return {
        "corpus": {
            "courses": size.courses, "lessons_per_course": size.lessons_per_course, "lessons": size.lessons,
            "words": words, "words_per_lesson": round(words / size.lessons), "seed": options.seed,
        },
        "repeat": options.repeat,
        "phases": summary,
        "ratios": ratios,
        "packages": _package_sizes(workspace / "site" / "downloads"),
        "site": _site_size(workspace / "site"),
    }


def _prepare(project_root: Path, size: CorpusSize, seed: int, workspace: Path) -> int:
    """Write the corpus and, untimed, what the yardstick and the floor start from."""
    from .build import DOWNLOADS
    from .course.loader import load_project
    from .markdown_render import MarkdownRenderer
    from .packages.writer import write_packages
    from .project import Project
    from .site.docs_tree import write_docs_tree
    from .build import check
    from .site.mkdocs_build import render_site
    from .templates import environment

    shutil.rmtree(workspace, ignore_errors=True)
    workspace.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = project_root / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, workspace / part)
    words = write_corpus(workspace / "content", size, seed)
    project = Project(workspace)
    renderer = MarkdownRenderer.from_mkdocs(project.mkdocs_config)
    result = load_project(project, renderer)
    if result.problems.has_errors:
        raise RuntimeError("the benchmark corpus does not load:\n" + "\n".join(map(str, result.problems.errors[:20])))
    env = environment(project.theme)
    # the same steps as the build's own, so the yardstick renders exactly the pages the build renders
    prepared = workspace / "prepared"
    packages = write_packages(result.catalogue, env, project.theme, prepared / DOWNLOADS)
    downloads: dict[str, list] = {course.id: [] for course in result.catalogue.courses}
    for package in packages:
        downloads[package.course_id].append(package)
    docs = workspace / YARDSTICK_CONFIG.parent / "docs"
    settings = check(project).settings
    tree = write_docs_tree(result.catalogue, downloads, docs, env, settings.accessibility)
    render_site(project, settings, docs, workspace / YARDSTICK_CONFIG.parent / "site", tree.nav)
    for package in packages:
        with zipfile.ZipFile(prepared / DOWNLOADS / package.file_name) as archive:
            archive.extractall(workspace / "rendered" / package.format.key / package.file_name)
    return words


def _formats(workspace: Path) -> list[str]:
    """The package formats the build writes, in the order FORMATS lists them."""
    written = {path.name for path in (workspace / "rendered").iterdir()}
    return [package_format.key for package_format in FORMATS if package_format.key in written]


def _run_child(phase: str, workspace: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PACKAGE_ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "scorm_export.bench", phase, str(workspace)],
        capture_output=True, text=True, env=env, check=False,
    )
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark phase {phase} failed:\n{completed.stderr[-4000:]}")
    found = json.loads(completed.stdout.strip().splitlines()[-1])
    return {**found, "process_seconds": wall}


def _summarise(samples: list[dict]) -> dict:
    return {
        "seconds": [round(sample["seconds"], 4) for sample in samples],
        "median_seconds": round(statistics.median(sample["seconds"] for sample in samples), 4),
        "median_process_seconds": round(statistics.median(sample["process_seconds"] for sample in samples), 4),
        "peak_rss_mb": round(statistics.median(sample["max_rss_kb"] for sample in samples) / 1024, 1),
    }


def _ratio(numerator: dict, denominator: dict) -> float | None:
    if not denominator["median_seconds"]:
        return None
    return round(numerator["median_seconds"] / denominator["median_seconds"], 2)


def _package_sizes(downloads: Path) -> dict:
    sizes: dict[str, dict] = {}
    for package_format in FORMATS:
        found = [path.stat().st_size for path in downloads.glob(f"*-{package_format.suffix}")]
        if found:
            sizes[package_format.key] = {
                "count": len(found), "total_bytes": sum(found), "mean_bytes": round(sum(found) / len(found)),
            }
    return sizes


def _site_size(site: Path) -> dict:
    files = [path for path in site.rglob("*") if path.is_file() and "downloads" not in path.relative_to(site).parts]
    return {
        "html_pages": sum(1 for path in files if path.suffix == ".html"),
        "total_bytes": sum(path.stat().st_size for path in files),
    }


# --- the report ----------------------------------------------------------------------------------


def format_table(results: dict) -> str:
    """The results as plain-text tables: one per corpus size, then the scaling when there are several."""
    machine_info = results["machine"]
    lines = [
        f"Machine: {machine_info['nproc']} CPU ({machine_info['cpu']}), {machine_info['ram_gb']} GB RAM, "
        f"Python {machine_info['python']}, {machine_info['platform']}",
        "Versions: " + ", ".join(f"{name} {version}" for name, version in results["versions"].items()),
    ]
    for run in results["runs"]:
        lines += ["", *_run_table(run)]
    if len(results["runs"]) > 1:
        lines += ["", *_scaling_table(results["runs"])]
    return "\n".join(lines)


def _label(phase: str) -> str:
    kind, _, key = phase.partition(":")
    names = {
        "baseline": "start + imports only", "check": "check (load + validate)", "build": "full build (site + all packages)",
        "mkdocs": "plain MkDocs, same pages (yardstick)",
    }
    if key:
        return f"export {BY_KEY[key].label}" if kind == "export" else f"zipfile, same files ({BY_KEY[key].label})"
    return names[phase]


def _run_table(run: dict) -> list[str]:
    corpus = run["corpus"]
    lines = [
        f"Corpus: {corpus['courses']} courses × {corpus['lessons_per_course']} lessons = {corpus['lessons']} lessons "
        f"(≈{corpus['words_per_lesson']} words each), {run['repeat']} runs per phase, medians",
        f"{'phase':<{WIDTH}} {'median s':>9} {'ms/lesson':>10} {'process s':>10} {'peak RSS MB':>12}",
    ]
    for phase, summary in run["phases"].items():
        lines.append(
            f"{_label(phase):<{WIDTH}} {summary['median_seconds']:>9.2f} {1000 * summary['median_seconds'] / corpus['lessons']:>10.1f}"
            f" {summary['median_process_seconds']:>10.2f} {summary['peak_rss_mb']:>12.0f}"
        )
    ratios = run["ratios"]
    lines.append(f"full build / plain MkDocs: {ratios['build_vs_mkdocs']}×")
    for name, value in ratios.items():
        if name.startswith("export_vs_zip:"):
            lines.append(f"export / zipfile, {BY_KEY[name.partition(':')[2]].label}: {value}×")
    for key, size in run["packages"].items():
        lines.append(
            f"packages {BY_KEY[key].label}: {size['count']} files, {size['total_bytes'] / 1e6:.1f} MB in all, "
            f"{size['mean_bytes'] / 1e3:.0f} kB each"
        )
    site = run["site"]
    lines.append(f"site: {site['html_pages']} HTML pages, {site['total_bytes'] / 1e6:.1f} MB without downloads")
    return lines


def _scaling_table(runs: list[dict]) -> list[str]:
    """One row per phase, one column per corpus size: median seconds and ms per lesson."""
    sizes = [run["corpus"]["lessons"] for run in runs]
    lines = [
        "Scaling: median s (ms per lesson)",
        f"{'phase':<{WIDTH}} " + " ".join(f"{f'{lessons} lessons':>18}" for lessons in sizes),
    ]
    for phase in runs[0]["phases"]:
        if phase == "baseline":
            continue
        cells = []
        for run in runs:
            seconds = run["phases"][phase]["median_seconds"]
            cells.append(f"{seconds:>8.2f} ({1000 * seconds / run['corpus']['lessons']:>5.1f})")
        lines.append(f"{_label(phase):<{WIDTH}} " + " ".join(f"{cell:>18}" for cell in cells))
    return lines


# --- one phase, in its own process ---------------------------------------------------------------


def _phase(phase: str, workspace: Path) -> float:
    """Run one phase; returns its seconds, imports excluded."""
    # the same imports before every phase, so that none of them is timed
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from .build import build, check
    from .course.loader import load_project
    from .markdown_render import MarkdownRenderer
    from .packages.writer import write_packages
    from .project import Project
    from .templates import environment

    project = Project(workspace)
    kind, _, key = phase.partition(":")
    if kind == "export":
        renderer = MarkdownRenderer.from_mkdocs(project.mkdocs_config)
        catalogue = load_project(project, renderer).catalogue
        out = workspace / "export" / key
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        write_packages(catalogue, environment(project.theme), project.theme, out, formats=(key,))
        return time.perf_counter() - started
    if kind == "zip":
        out = workspace / "zipfloor" / key
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        zip_folders(workspace / "rendered" / key, out)
        return time.perf_counter() - started
    started = time.perf_counter()
    if phase == "check":
        check(project)
    elif phase == "build":
        if not build(project).written:
            raise RuntimeError("the build wrote nothing")
    elif phase == "mkdocs":
        mkdocs_build(load_config(str(workspace / YARDSTICK_CONFIG)))
    elif phase != "baseline":
        raise ValueError(f"unknown phase {phase}")
    return time.perf_counter() - started


def zip_folders(source: Path, out: Path) -> None:
    """The floor: each folder under `source` into `out/<name>` with zipfile, deflate level 9, sorted."""
    out.mkdir(parents=True, exist_ok=True)
    for folder in sorted(source.iterdir()):
        with zipfile.ZipFile(out / folder.name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(folder).as_posix())


def _child(argv: list[str]) -> int:
    phase, workspace = argv
    seconds = _phase(phase, Path(workspace))
    print(json.dumps({"phase": phase, "seconds": seconds, "max_rss_kb": _peak_rss_kb()}))
    return 0


def _peak_rss_kb() -> int:
    """This process's peak resident memory in kB.

    On Linux ru_maxrss survives exec, so a child would report at least its parent's peak; VmHWM
    belongs to the process image alone.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, kB elsewhere


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
