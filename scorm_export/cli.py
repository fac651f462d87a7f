"""The command line: `check`, `build` (the default) and `serve`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import BuildOptions, build, check
from .course.model import ScoMode
from .problems import Problems
from .project import Project
from .site.mkdocs_build import SiteRenderError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Bygger kurswebbplatsen och kurspaketen från content/.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="projektets rotmapp (standard: aktuell mapp)")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("check", help="kontrollera allt innehåll och skriv ut alla problem")
    build_parser = commands.add_parser("build", help="kontrollera och bygg site/ (standard)")
    serve_parser = commands.add_parser("serve", help="förhandsgranska lokalt och bygg om vid ändringar")
    for sub in (build_parser, serve_parser):
        sub.add_argument("--sco", choices=[mode.value for mode in ScoMode], help="en SCO för hela kursen eller en per lektion")
    serve_parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    command = args.command or "build"
    if command == "check":
        return _check(project)
    options = BuildOptions(sco_mode=ScoMode(args.sco) if getattr(args, "sco", None) else None)
    if command == "serve":
        from .serve import serve

        return serve(project, options, args.port)
    return _build(project, options)


def _print_problems(problems: Problems) -> None:
    for problem in problems.items:
        print(problem, file=sys.stderr)


def _check(project: Project) -> int:
    result = check(project)
    _print_problems(result.problems)
    errors = len(result.problems.errors)
    if errors:
        print(f"{errors} fel hittades; inget har byggts.", file=sys.stderr)
        return 1
    lessons = sum(len(course.lessons) for course in result.catalogue.courses)
    print(f"Allt innehåll är korrekt: {len(result.catalogue.courses)} kurser, {lessons} lektioner.")
    return 0


def _build(project: Project, options: BuildOptions) -> int:
    try:
        report = build(project, options)
    except SiteRenderError as exc:
        print(exc, file=sys.stderr)
        print("Bygget avbröts; den tidigare site/ är orörd.", file=sys.stderr)
        return 1
    _print_problems(report.problems)
    if not report.written:
        print(f"{len(report.problems.errors)} fel hittades; site/ har inte ändrats.", file=sys.stderr)
        return 1
    print(f"Byggt: {report.pages} sidor och {len(report.packages)} paket i {report.seconds['total']:.1f} s → {project.site}")
    return 0
