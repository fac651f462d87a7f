"""The benchmark behind `python build.py bench`: how long the build takes, against plain MkDocs and plain zip.

On one synthetic corpus (see bench_corpus) it measures the phases in PHASES, each in a fresh Python
process so that times and peak memory are not polluted by earlier phases:

- baseline: a process that only imports what the phases import;
- check: load and validate everything (`scorm_export.build.check`);
- build: the full build, site and every package (`scorm_export.build.build`);
- mkdocs: plain MkDocs on the same docs tree with the same theme and settings (the yardstick);
- export:<format>: writing one package format for every course, from the loaded model;
- zip:<format>: zipping the same rendered files with Python's zipfile (the floor).

Around the measured work only, each phase process takes the wall time (`perf_counter`) and the CPU
time: user + sys of the process itself plus that of the child processes it waited for, so that work
done in worker processes is counted. Runs alternate between phases (all phases of run 1, then all of
run 2, …); the report gives min / median / max per phase, the ratios in COMPARISONS from medians (CPU
and wall), the machine, the load average before and after, and a warning when the machine was busy.

To add a phase, write a function that prepares it (untimed) and returns the work to time, and add a
line to PHASES; the runner, the JSON and the tables pick it up.
"""

from __future__ import annotations

import json
import math
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
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from .bench_corpus import DEFAULT_SEED, CorpusSize, write_corpus
from .packages.formats import BY_KEY, FORMATS, by_course
from .packages.self_assessment import PACKAGE_ID as SELF_ASSESSMENT_ID

SCHEMA = 2  # of the JSON; 1 had only wall-time medians
PROJECT_PARTS = ("licenses", "theme", "mkdocs.yml")
SCALING_LESSONS = (250, 1000, 4000)
LARGE_SCALING_LESSONS = 2000  # in a --scaling run, corpora above this many lessons run at most ...
LARGE_SCALING_REPEAT = 2  # ... this many times (4,000 lessons take ≈ 5 min per run)
YARDSTICK_CONFIG = Path("yardstick") / "mkdocs.generated.yml"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
WIDTH = 48  # the phase column of the table

# When the machine was busy, the figures are less reliable:
BUSY_MESSAGE = "the machine was busy: figures are less reliable"
BUSY_LOAD_PER_CORE = 0.5  # 1-minute load average above this × usable cores, before or after
BUSY_WALL_SPREAD = 0.25  # a phase's slowest run more than 25 % slower than its fastest
BUSY_CPU_PRESSURE = 0.10  # tasks waited for a CPU more than 10 % of the measured time (/proc/pressure/cpu)
MIN_WALL_FOR_SPREAD = 0.1  # seconds; shorter phases are not judged by their spread (timer and scheduler noise)
LOAD_AVERAGE_SECONDS = 60  # the time constant of the 1-minute load average


@dataclass(frozen=True)
class BenchOptions:
    courses: int = 20
    lessons: int = 50  # per course
    repeat: int = 3
    scaling: bool = False
    out: Path = Path("bench-results/bench.json")
    workdir: Path | None = None  # None: a temporary folder, removed afterwards
    seed: int = DEFAULT_SEED


# --- the phases and the comparisons --------------------------------------------------------------


@dataclass(frozen=True)
class Phase:
    """One line of the benchmark.

    `prepare(workspace, format_key)` runs untimed in the phase's own process, after the common imports,
    and returns the work to measure. Phases with `per_format` run once per package format, as
    `<name>:<format key>`, and their label has a `{format}` field.
    """

    name: str
    label: str
    prepare: Callable[[Path, str], Callable[[], object]]
    per_format: bool = False


@dataclass(frozen=True)
class Comparison:
    """A ratio of two phases' medians, and the most it should be."""

    name: str
    label: str
    numerator: str  # phase names; for per-format comparisons the phases of that format
    denominator: str
    target: float
    per_format: bool = False


def _baseline(workspace: Path, key: str) -> Callable[[], object]:
    return lambda: None


def _check(workspace: Path, key: str) -> Callable[[], object]:
    from .build import check
    from .project import Project

    project = Project(workspace)
    return lambda: check(project, in_parallel=True)


def _build(workspace: Path, key: str) -> Callable[[], object]:
    from .build import build
    from .project import Project

    project = Project(workspace)

    def work() -> None:
        if not build(project).written:
            raise RuntimeError("the build wrote nothing")

    return work


def _mkdocs(workspace: Path, key: str) -> Callable[[], object]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    return lambda: mkdocs_build(load_config(str(workspace / YARDSTICK_CONFIG)))


def _export(workspace: Path, key: str) -> Callable[[], object]:
    from .build import check
    from .packages.writer import write_packages
    from .project import Project
    from .templates import environment

    project = Project(workspace)
    catalogue = check(project).catalogue
    out = workspace / "export" / key
    shutil.rmtree(out, ignore_errors=True)
    return lambda: write_packages(catalogue, environment(project.theme), project.theme, out, formats=(key,))


PREVIEW_TARGET_SECONDS = 2.0


def _preview(workspace: Path, key: str) -> Callable[[], object]:
    """Edit-to-preview: a complete preview first (untimed), then one edited lesson and the rebuild `serve` runs."""
    from .preview import Preview
    from .project import Project

    project = Project(workspace)
    preview = Preview(project)
    if not preview.rebuild().ok:
        raise RuntimeError("the preview could not be built")
    lesson = sorted(project.content.glob("*/*/*.md"))[len(list(project.content.glob("*/*/*.md"))) // 2]
    lesson.write_text(lesson.read_text(encoding="utf-8") + f"\nÄndrad i förhandsvisningen {time.time_ns()}.\n", encoding="utf-8")

    def work() -> None:
        result = preview.rebuild({lesson})
        if not result.ok or result.rebuilt == "alla kurser":
            raise RuntimeError(f"the preview did not rebuild the edited course alone: {result.rebuilt} {result.error}")

    return work


def _zip(workspace: Path, key: str) -> Callable[[], object]:
    out = workspace / "zipfloor" / key
    shutil.rmtree(out, ignore_errors=True)
    return lambda: zip_folders(workspace / "rendered" / key, out)


PHASES = (
    Phase("baseline", "start + imports only", _baseline),
    Phase("check", "check (load + validate)", _check),
    Phase("build", "full build (site + all packages)", _build),
    Phase("mkdocs", "plain MkDocs, same pages (yardstick)", _mkdocs),
    Phase("preview", "serve: one lesson edited → preview rebuilt", _preview),
    Phase("export", "export {format}", _export, per_format=True),
    Phase("zip", "zipfile, same files ({format})", _zip, per_format=True),
)
BY_NAME = {phase.name: phase for phase in PHASES}

COMPARISONS = (
    Comparison("build_vs_mkdocs", "full build / plain MkDocs", "build", "mkdocs", 1.2),
    Comparison("export_vs_zip", "export / zipfile, {format}", "export", "zip", 2.0, per_format=True),
)


def phase_names(formats: list[str]) -> list[str]:
    """Every phase of one run, in the order they run: the plain phases, then per format its phases side by side."""
    plain = [phase.name for phase in PHASES if not phase.per_format]
    return plain + [f"{phase.name}:{key}" for key in formats for phase in PHASES if phase.per_format]


def _split(name: str) -> tuple[Phase, str]:
    base, _, key = name.partition(":")
    return BY_NAME[base], key


def label(name: str) -> str:
    phase, key = _split(name)
    return phase.label.format(format=BY_KEY[key].label) if key else phase.label


# --- the whole benchmark -------------------------------------------------------------------------


def run_bench(project_root: Path, options: BenchOptions, progress: Callable[[str], None] = lambda message: None) -> dict:
    """Run the benchmark, write its JSON to `options.out` and return the results."""
    clock = _Clock()
    load_before = _load_average()
    scratch = Path(options.workdir or tempfile.mkdtemp(prefix="scorm-export-bench-"))
    try:
        runs = [
            _measure(
                project_root,
                size,
                repeat,
                options.seed,
                scratch / f"corpus-{size.courses}x{size.lessons_per_course}",
                progress,
                clock,
            )
            for size, repeat in corpus_sizes(options)
        ]
    finally:
        if options.workdir is None:
            shutil.rmtree(scratch, ignore_errors=True)
    load = {"before": load_before, "after": _load_average(), "seconds": round(clock.elapsed(), 1)}
    machine_info = machine()
    results = {
        "schema": SCHEMA,
        "machine": machine_info,
        "load": load,
        "busy": _busy_overall(machine_info, load, runs),
        "targets": {comparison.name: comparison.target for comparison in COMPARISONS},
        "versions": {name: metadata.version(name) for name in ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions")},
        "options": {**asdict(options), "out": str(options.out), "workdir": str(options.workdir) if options.workdir else None},
        "runs": runs,
    }
    out = options.out if options.out.is_absolute() else project_root / options.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def corpus_sizes(options: BenchOptions) -> list[tuple[CorpusSize, int]]:
    """The corpora to measure and how many runs each gets."""
    if not options.scaling:
        return [(CorpusSize(options.courses, options.lessons), options.repeat)]
    sizes = []
    for total in SCALING_LESSONS:
        size = CorpusSize(max(1, total // options.lessons), options.lessons)
        repeat = min(options.repeat, LARGE_SCALING_REPEAT) if size.lessons > LARGE_SCALING_LESSONS else options.repeat
        sizes.append((size, repeat))
    return sizes


class _Clock:
    """Seconds since the benchmark started: how much of the load average is the benchmark's own."""

    def __init__(self) -> None:
        self.started = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def machine() -> dict:
    pages = os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    logical = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else logical
    limit = _cgroup_cpu_limit()
    return {
        "cpu_model": _cpu_model(),
        "logical_cpus": logical,
        "usable_cpus": usable,  # this process's CPU affinity
        "cgroup_cpu_limit": limit,  # CPUs' worth of time the cgroup may use; None: no limit found
        "cores_for_load": max(1, min(usable, math.ceil(limit) if limit else usable)),
        "ram_gb": round(pages * os.sysconf("SC_PAGE_SIZE") / 1024**3, 1) if pages else None,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_pressure_available": _cpu_pressure_total() is not None,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cgroup_cpu_limit() -> float | None:
    try:  # cgroup v2
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        return None if quota == "max" else round(int(quota) / int(period), 2)
    except (OSError, ValueError):
        pass
    try:  # cgroup v1
        quota_us = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").read_text())
        period_us = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us").read_text())
        return None if quota_us <= 0 else round(quota_us / period_us, 2)
    except (OSError, ValueError):
        return None


def _load_average() -> list[float] | None:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _cpu_pressure_total() -> int | None:
    """Microseconds in which some task waited for a CPU, since boot (Linux PSI), or None."""
    try:
        for line in Path("/proc/pressure/cpu").read_text().splitlines():
            if line.startswith("some "):
                return int(line.rpartition("total=")[2])
    except (OSError, ValueError):
        pass
    return None


# --- one corpus size -----------------------------------------------------------------------------


def _measure(
    project_root: Path,
    size: CorpusSize,
    repeat: int,
    seed: int,
    workspace: Path,
    progress,
    clock: _Clock,
) -> dict:
    progress(f"{size.courses} courses × {size.lessons_per_course} lessons: writing the corpus and preparing …")
    words = _prepare(project_root, size, seed, workspace)
    formats = _formats(workspace)
    phases = phase_names(formats)
    samples: dict[str, list[dict]] = {phase: [] for phase in phases}
    load = {"before": _load_average(), "before_at_seconds": round(clock.elapsed(), 1)}
    for run in range(1, repeat + 1):
        for phase in phases:
            progress(f"  run {run}/{repeat}: {phase}")
            samples[phase].append(_run_child(phase, workspace))
    load.update(after=_load_average(), after_at_seconds=round(clock.elapsed(), 1))
    corpus = {
        "courses": size.courses,
        "lessons_per_course": size.lessons_per_course,
        "lessons": size.lessons,
        "words": words,
        "words_per_lesson": round(words / size.lessons),
        "seed": seed,
    }
    return {
        **summarise_run(corpus, samples, formats, load, machine()["cores_for_load"]),
        "packages": _package_sizes(workspace / "site" / "downloads"),
        "site": _site_size(workspace / "site"),
    }


def summarise_run(corpus: dict, samples: dict[str, list[dict]], formats: list[str], load: dict, cores: int) -> dict:
    """One corpus size's report from the raw samples of `_run_child`."""
    phases = {name: summarise(name, found, corpus["lessons"]) for name, found in samples.items()}
    ratios = {}
    for comparison in COMPARISONS:
        for key in formats if comparison.per_format else [""]:
            suffix = f":{key}" if key else ""
            numerator, denominator = phases.get(comparison.numerator + suffix), phases.get(comparison.denominator + suffix)
            if numerator and denominator:
                ratios[comparison.name + suffix] = compare(comparison, numerator, denominator, key)
    stalled = [sample["cpu_pressure_us"] for found in samples.values() for sample in found]
    measured = sum(sample["process_wall_seconds"] for found in samples.values() for sample in found)
    pressure = None
    if stalled and None not in stalled and measured > 0:
        pressure = round(sum(stalled) / 1e6 / measured, 3)
    run = {
        "corpus": corpus,
        "repeat": len(next(iter(samples.values()), [])),
        "load": load,
        "cpu_pressure": pressure,  # share of the phase processes' time in which some task waited for a CPU
        "phases": phases,
        "ratios": ratios,
    }
    run["busy"] = _busy_run(run, cores)
    return run


def summarise(name: str, samples: list[dict], lessons: int) -> dict:
    """min / median / max of one phase's runs, wall and CPU (self + children), and its peak memory."""
    wall = [sample["wall_seconds"] for sample in samples]
    cpu = [sample["cpu_self_seconds"] + sample["cpu_children_seconds"] for sample in samples]
    spread = (max(wall) - min(wall)) / min(wall) if min(wall) > 0 else None
    return {
        "label": label(name),
        "wall_seconds": [round(value, 4) for value in wall],
        "cpu_seconds": [round(value, 4) for value in cpu],
        "cpu_self_seconds": [round(sample["cpu_self_seconds"], 4) for sample in samples],
        "cpu_children_seconds": [round(sample["cpu_children_seconds"], 4) for sample in samples],
        "wall": _stats(wall),
        "cpu": _stats(cpu),
        "wall_spread": round(spread, 3) if spread is not None else None,
        "cpu_ms_per_lesson": round(1000 * statistics.median(cpu) / lessons, 2),
        "wall_ms_per_lesson": round(1000 * statistics.median(wall) / lessons, 2),
        "process": {  # the whole phase process, start-up and imports included, measured by the parent
            "wall_median": round(statistics.median(sample["process_wall_seconds"] for sample in samples), 4),
            "cpu_median": round(statistics.median(sample["process_cpu_seconds"] for sample in samples), 4),
        },
        "peak_rss_mb": round(statistics.median(sample["max_rss_kb"] for sample in samples) / 1024, 1),
        "children_peak_rss_mb": round(max(sample["children_max_rss_kb"] for sample in samples) / 1024, 1),
        "unmeasured_children": max(sample["live_children"] or 0 for sample in samples),
    }


def _stats(values: list[float]) -> dict:
    return {"min": round(min(values), 4), "median": round(statistics.median(values), 4), "max": round(max(values), 4)}


def compare(comparison: Comparison, numerator: dict, denominator: dict, key: str = "") -> dict:
    """The ratio of two phases' medians, CPU and wall, against the comparison's target."""
    found: dict[str, object] = {"label": comparison.label.format(format=BY_KEY[key].label) if key else comparison.label}
    for measure in ("cpu", "wall"):
        below = denominator[measure]["median"]
        ratio = round(numerator[measure]["median"] / below, 2) if below > 0 else None
        found[measure] = ratio
        found[f"{measure}_met"] = None if ratio is None else ratio <= comparison.target
    return {
        **found,
        "met": None if None in (found["cpu_met"], found["wall_met"]) else found["cpu_met"] and found["wall_met"],
        "target": comparison.target,
        "numerator": comparison.numerator + (f":{key}" if key else ""),
        "denominator": comparison.denominator + (f":{key}" if key else ""),
    }


def _own_load(seconds: float) -> float:
    """What the benchmark itself adds to the 1-minute load average after `seconds` of keeping one process busy."""
    return 1 - math.exp(-seconds / LOAD_AVERAGE_SECONDS)


def _load_reason(when: str, reading: list[float] | None, at_seconds: float, cores: int) -> str | None:
    if not reading:
        return None
    own = _own_load(at_seconds)
    limit = BUSY_LOAD_PER_CORE * cores + own
    if reading[0] <= limit:
        return None
    why = f"{BUSY_LOAD_PER_CORE:g} × {cores} cores" + (f" + {own:.2f} of the benchmark's own" if own >= 0.01 else "")
    return f"1-minute load average {reading[0]:.2f} {when}, above {limit:.2f} ({why})"


def _busy_run(run: dict, cores: int) -> dict:
    lessons = run["corpus"]["lessons"]
    load = run["load"]
    reasons = [
        reason
        for reason in (
            _load_reason(f"before the {lessons}-lesson runs", load.get("before"), load.get("before_at_seconds", 0), cores),
            _load_reason(f"after the {lessons}-lesson runs", load.get("after"), load.get("after_at_seconds", 0), cores),
        )
        if reason
    ]
    for summary in run["phases"].values():
        spread = summary["wall_spread"]
        if spread is not None and spread > BUSY_WALL_SPREAD and summary["wall"]["median"] >= MIN_WALL_FOR_SPREAD:
            wall = summary["wall"]
            reasons.append(
                f"{summary['label']} ({lessons} lessons): wall {wall['min']:.2f} to {wall['max']:.2f} s, "
                f"spread {100 * spread:.1f} % > {100 * BUSY_WALL_SPREAD:.0f} %"
            )
    if run["cpu_pressure"] is not None and run["cpu_pressure"] > BUSY_CPU_PRESSURE:
        reasons.append(
            f"tasks waited for a CPU {100 * run['cpu_pressure']:.0f} % of the time during the {lessons}-lesson runs "
            f"(> {100 * BUSY_CPU_PRESSURE:.0f} %, /proc/pressure/cpu)"
        )
    return {"busy": bool(reasons), "reasons": reasons}


def _busy_overall(machine_info: dict, load: dict, runs: list[dict]) -> dict:
    cores = machine_info["cores_for_load"]
    reasons = [
        reason
        for reason in (
            _load_reason("before the benchmark", load["before"], 0, cores),
            _load_reason("after the benchmark", load["after"], load["seconds"], cores),
        )
        if reason
    ]
    for run in runs:
        reasons += [reason for reason in run["busy"]["reasons"] if reason not in reasons]
    return {
        "busy": bool(reasons),
        "message": BUSY_MESSAGE if reasons else None,
        "reasons": reasons,
        "thresholds": {
            "load_per_core": BUSY_LOAD_PER_CORE,
            "wall_spread": BUSY_WALL_SPREAD,
            "cpu_pressure": BUSY_CPU_PRESSURE,
            "min_wall_for_spread_seconds": MIN_WALL_FOR_SPREAD,
        },
    }


def _prepare(project_root: Path, size: CorpusSize, seed: int, workspace: Path) -> int:
    """Write the corpus and, untimed, what the yardstick and the floor start from."""
    from .build import DOWNLOADS, check
    from .packages.writer import write_packages
    from .project import Project
    from .site.docs_tree import write_docs_tree
    from .site.mkdocs_build import render_site
    from .templates import environment

    shutil.rmtree(workspace, ignore_errors=True)
    workspace.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = project_root / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, workspace / part)
    words = write_corpus(workspace / "content", size, seed)
    project = Project(workspace)
    checked = check(project)
    if checked.problems.has_errors:
        raise RuntimeError("the benchmark corpus does not load:\n" + "\n".join(map(str, checked.problems.errors[:20])))
    env = environment(project.theme)
    # the same steps as the build's own, so the yardstick renders exactly the pages the build renders
    prepared = workspace / "prepared"
    packages = write_packages(checked.catalogue, env, project.theme, prepared / DOWNLOADS)
    downloads = by_course(packages, (course.id for course in checked.catalogue.courses))
    docs = workspace / YARDSTICK_CONFIG.parent / "docs"
    # plain MkDocs converts every page's Markdown itself: the lesson bodies go into the docs tree as
    # Markdown, not as the loader's HTML through the build's PrerenderedBodies plugin
    tree = write_docs_tree(checked.catalogue, downloads, docs, env, checked.settings.accessibility, prerendered=False)
    yardstick_site = workspace / YARDSTICK_CONFIG.parent / "site"
    render_site(project, checked.settings, docs, yardstick_site, tree.nav)
    # MkDocs empties the site it rendered before in every run, so the build, too, replaces a previous site
    # in every run, the first included
    shutil.copytree(yardstick_site, project.site)
    shutil.copytree(prepared / DOWNLOADS, project.site / DOWNLOADS)
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
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    stalled = _cpu_pressure_total()
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "scorm_export.bench", phase, str(workspace)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - started
    stalled_after = _cpu_pressure_total()
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark phase {phase} failed:\n{completed.stderr[-4000:]}")
    found = json.loads(completed.stdout.strip().splitlines()[-1])
    return {
        **found,
        "process_wall_seconds": wall,
        "process_cpu_seconds": _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - _cpu(children),
        "cpu_pressure_us": None if stalled is None or stalled_after is None else stalled_after - stalled,
    }


def _package_sizes(downloads: Path) -> dict:
    sizes: dict[str, dict] = {}
    for package_format in FORMATS:
        # the courses' packages: the site's self-assessment packages are the same at every corpus size
        found = [
            path.stat().st_size
            for path in downloads.glob(f"*-{package_format.suffix}")
            if not path.name.startswith(f"{SELF_ASSESSMENT_ID}-")
        ]
        if found:
            sizes[package_format.key] = {
                "count": len(found),
                "total_bytes": sum(found),
                "mean_bytes": round(sum(found) / len(found)),
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
    machine_info, load, busy = results["machine"], results["load"], results["busy"]
    limit = f", cgroup limit {machine_info['cgroup_cpu_limit']:g} CPUs" if machine_info["cgroup_cpu_limit"] else ""
    lines = [
        f"Machine: {machine_info['cpu_model']}, {machine_info['logical_cpus']} logical CPUs "
        f"({machine_info['usable_cpus']} usable{limit}), {machine_info['ram_gb']} GB RAM, "
        f"{machine_info['implementation']} {machine_info['python']}, {machine_info['platform']}",
        "Versions: " + ", ".join(f"{name} {version}" for name, version in results["versions"].items()),
        f"Load average (1, 5, 15 min): before {_load_text(load['before'])}, after {_load_text(load['after'])} "
        f"({load['seconds']:.0f} s later)",
    ]
    lines += _busy_lines(busy)
    for run in results["runs"]:
        lines += ["", *_run_table(run)]
    if len(results["runs"]) > 1:
        lines += ["", *_scaling_table(results["runs"])]
    if busy["busy"]:
        lines += ["", f"WARNING: {busy['message']} (reasons above)."]
    return "\n".join(lines)


def _load_text(reading: list[float] | None) -> str:
    return " ".join(f"{value:.2f}" for value in reading) if reading else "unknown"


def _busy_lines(busy: dict) -> list[str]:
    if not busy["busy"]:
        return ["The machine was quiet: load average, run-to-run spread and CPU pressure within limits."]
    return [f"WARNING: {busy['message']}:", *(f"  - {reason}" for reason in busy["reasons"])]


def _run_table(run: dict) -> list[str]:
    corpus, load = run["corpus"], run["load"]
    pressure = f", CPU pressure {100 * run['cpu_pressure']:.0f} %" if run["cpu_pressure"] is not None else ""
    lines = [
        f"Corpus: {corpus['courses']} courses × {corpus['lessons_per_course']} lessons = {corpus['lessons']} lessons "
        f"(≈{corpus['words_per_lesson']} words each), {run['repeat']} alternating runs per phase",
        f"Load average (1 min): before {_load_text(load['before'][:1] if load['before'] else None)}, "
        f"after {_load_text(load['after'][:1] if load['after'] else None)}{pressure}",
        f"{'phase':<{WIDTH}} {'wall s':>23} {'CPU s':>8} {'CPU':>10} {'peak RSS':>9}",
        f"{'':<{WIDTH}} {'min':>7} {'median':>7} {'max':>7} {'median':>8} {'ms/lesson':>10} {'MB':>9}",
    ]
    notes, flagged = [], False
    for summary in run["phases"].values():
        wall, spread = summary["wall"], summary["wall_spread"]
        flag = "!" if spread is not None and spread > BUSY_WALL_SPREAD and wall["median"] >= MIN_WALL_FOR_SPREAD else " "
        flagged = flagged or flag == "!"
        lines.append(
            f"{summary['label']:<{WIDTH}} {wall['min']:>7.2f} {wall['median']:>7.2f} {wall['max']:>6.2f}{flag}"
            f" {summary['cpu']['median']:>8.2f} {summary['cpu_ms_per_lesson']:>10.1f} {summary['peak_rss_mb']:>9.0f}"
        )
        children = statistics.median(summary["cpu_children_seconds"])
        if children > 0:
            notes.append(
                f"{summary['label']}: {children:.2f} s of the CPU median in child processes "
                f"(largest {summary['children_peak_rss_mb']:.0f} MB peak RSS)"
            )
        if summary["unmeasured_children"]:
            notes.append(
                f"{summary['label']}: {summary['unmeasured_children']} child processes still alive after the work; "
                "their CPU time is not counted"
            )
    if flagged:
        notes.insert(0, f"! the slowest run is more than {100 * BUSY_WALL_SPREAD:.0f} % slower than the fastest")
    lines += notes
    lines += ["", f"{'ratio of medians':<{WIDTH}} {'CPU':>7} {'wall':>7} {'target':>8}  met"]
    for ratio in run["ratios"].values():
        lines.append(
            f"{ratio['label']:<{WIDTH}} {_times(ratio['cpu']):>7} {_times(ratio['wall']):>7} "
            f"{'≤ ' + _times(ratio['target']):>8}  {_met(ratio)}"
        )
    if "preview" in run["phases"]:
        preview = run["phases"]["preview"]
        met = "yes" if preview["wall"]["median"] <= PREVIEW_TARGET_SECONDS else "no"
        lines.append(
            f"{'edit-to-preview, median wall':<{WIDTH}} {preview['wall']['median']:>6.2f}s {'':>7} "
            f"{'≤ ' + f'{PREVIEW_TARGET_SECONDS:.2f}s':>8}  {met}"
        )
    lines.append("")
    for key, size in run.get("packages", {}).items():
        lines.append(
            f"packages {BY_KEY[key].label}: {size['count']} files, {size['total_bytes'] / 1e6:.1f} MB in all, "
            f"{size['mean_bytes'] / 1e3:.0f} kB each"
        )
    if "site" in run:
        site = run["site"]
        lines.append(f"site: {site['html_pages']} HTML pages, {site['total_bytes'] / 1e6:.1f} MB without downloads")
    if run["busy"]["busy"]:
        lines.append(f"WARNING ({corpus['lessons']} lessons): {BUSY_MESSAGE}")
    return lines


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _met(ratio: dict) -> str:
    met = (ratio["cpu_met"], ratio["wall_met"])
    if None in met:
        return "unknown"
    return {(True, True): "yes", (False, False): "no", (True, False): "CPU only", (False, True): "wall only"}[met]


def _scaling_table(runs: list[dict]) -> list[str]:
    """One row per phase, one column per corpus size: median wall seconds and median CPU ms per lesson."""
    sizes = [run["corpus"]["lessons"] for run in runs]
    lines = [
        "Scaling: median wall s (median CPU ms per lesson); runs per size: "
        + ", ".join(f"{run['corpus']['lessons']} lessons {run['repeat']}" for run in runs),
        f"{'phase':<{WIDTH}} " + " ".join(f"{f'{lessons} lessons':>18}" for lessons in sizes),
    ]
    for name, summary in runs[0]["phases"].items():
        if name == "baseline":
            continue
        cells = []
        for run in runs:
            found = run["phases"].get(name)
            cells.append(f"{found['wall']['median']:>8.2f} ({found['cpu_ms_per_lesson']:>5.1f})" if found else "–")
        lines.append(f"{summary['label']:<{WIDTH}} " + " ".join(f"{cell:>18}" for cell in cells))
    if all("build" in run["phases"] for run in runs):
        cells = [f"{run['phases']['build']['peak_rss_mb']:.0f} MB" for run in runs]
        lines.append(f"{'peak RSS of the full build':<{WIDTH}} " + " ".join(f"{cell:>18}" for cell in cells))
    return lines


# --- one phase, in its own process ---------------------------------------------------------------


def _import_everything() -> None:
    """The same imports before every phase, so that none of them is timed."""
    import mkdocs.commands.build
    import mkdocs.config  # noqa: F401

    from . import build, templates  # noqa: F401
    from .course import loader  # noqa: F401
    from .packages import writer  # noqa: F401


def measure(work: Callable[[], object]) -> dict:
    """Wall and CPU time of `work`: user + sys of this process and of the child processes it waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    work()
    wall = time.perf_counter() - started
    own_after, children_after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    children_cpu = _cpu(children_after) - _cpu(children)
    grew = children_after.ru_maxrss > children.ru_maxrss
    return {
        "wall_seconds": wall,
        "cpu_self_seconds": _cpu(own_after) - _cpu(own),
        "cpu_children_seconds": children_cpu,
        "max_rss_kb": _peak_rss_kb(),
        # the largest child's peak (ru_maxrss of waited-for children), if the work had any
        "children_max_rss_kb": _kb(children_after.ru_maxrss) if children_cpu > 0 or grew else 0,
        "live_children": _live_children(),
    }


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _kb(maxrss: int) -> int:
    return maxrss // 1024 if sys.platform == "darwin" else maxrss  # bytes on macOS, kB elsewhere


def _live_children() -> int | None:
    """Child processes of this one that have not been waited for (alive or zombie), or None if unknown."""
    me = str(os.getpid())
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return None
    count = 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if stat.rpartition(")")[2].split()[1] == me:  # the field after the state is the parent's pid
            count += 1
    return count


def zip_folders(source: Path, out: Path) -> None:
    """The floor: each folder under `source` into `out/<name>` with zipfile, deflate level 9, sorted."""
    out.mkdir(parents=True, exist_ok=True)
    for folder in sorted(source.iterdir()):
        with zipfile.ZipFile(out / folder.name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(folder).as_posix())


def _child(argv: list[str]) -> int:
    name, workspace = argv
    phase, key = _split(name)
    _import_everything()
    work = phase.prepare(Path(workspace), key)
    print(json.dumps({"phase": name, **measure(work)}))
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
    return _kb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
