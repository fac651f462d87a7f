"""The command line: `check`, `build` (the default), `serve` and `bench`."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NoReturn

from .build import BuildOptions, build, check
from .course.model import Catalogue, ScoMode
from .problems import Problems, as_json
from .project import Project, ProjectNotFound, find_root
from .second_process import SecondProcessError
from .site.mkdocs_build import SiteRenderError


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        # argparse names a subcommand with an empty prefix: only the default one is translated
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


# argparse's own messages, in Swedish like the rest of the command line (its gettext catalogue has no Swedish)
_MESSAGES = (
    (r"invalid choice: (.*) \(choose from (.*)\)", r"ogiltigt val: \1 (välj bland \2)"),
    (r"unrecognized arguments: (.*)", r"okända argument: \1"),
    (r"the following arguments are required: (.*)", r"de här argumenten behövs: \1"),
    (r"expected one argument", "ett värde behövs"),
    (r"invalid (\w+) value: (.*)", r"ogiltigt värde (\1): \2"),
    (r"^argument ", "argumentet "),
)


class _Parser(argparse.ArgumentParser):
    """argparse with Swedish headings, help and errors."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "kommandon"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _MESSAGES:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {message}\n")


def main(argv: list[str] | None = None, script_folder: Path | None = None) -> int:
    parser = _Parser(prog="build.py", description="Bygger kurswebbplatsen och kurspaketen från content/.")
    parser.add_argument("--root", type=Path, help="projektets rotmapp (standard: närmaste mapp uppåt med mkdocs.yml och content/)")
    commands = parser.add_subparsers(dest="command")
    check_parser = commands.add_parser("check", help="kontrollera allt innehåll och skriv ut alla problem")
    check_parser.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text (standard); github: anteckningar i GitHub Actions; json: för andra verktyg",
    )
    check_parser.add_argument("--strict", action="store_true", help="varningar räknas som fel (exit 1)")
    build_parser = commands.add_parser("build", help="kontrollera och bygg site/ (standard)")
    serve_parser = commands.add_parser("serve", help="förhandsgranska lokalt och bygg om vid ändringar")
    for sub in (build_parser, serve_parser):
        sub.add_argument("--sco", choices=[mode.value for mode in ScoMode], help="en SCO för hela kursen eller en per lektion")
    build_parser.add_argument(
        "--link-media",
        action="store_true",
        help="lämna video och ljud utanför paketen och länka till webbplatsens kopior (kräver site_url i mkdocs.yml)",
    )
    serve_parser.add_argument("--port", type=int, default=8000)
    new_parser = commands.add_parser(
        "new",
        help="börja en ny kurs, modul eller lektion",
        description='python build.py new "Kursens titel" | new module KURS "Titel" | new lesson KURS ["Titel"] [--module MODUL]',
    )
    new_parser.add_argument("words", nargs="*", help="kursens titel, eller module/lesson, kursen och titeln")
    new_parser.add_argument("--module", help="modulen en ny lektion hamnar i (standard: kursens sista)")
    _add_bench_parser(commands)
    args = parser.parse_args(argv)
    try:
        root = args.root.resolve() if args.root else find_root(Path.cwd(), script_folder)
    except ProjectNotFound as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.root and not (root / "mkdocs.yml").is_file():
        print(f"{root} är inget kursprojekt: mkdocs.yml saknas där (no mkdocs.yml in --root)", file=sys.stderr)
        return 2
    project = Project(root)
    command = args.command or "build"
    if command == "check":
        return _check(project, args.format, args.strict)
    if command == "bench":
        return _bench(project, args)
    if command == "new":
        return _new(project, args.words, args.module)
    options = BuildOptions(
        sco_mode=ScoMode(args.sco) if getattr(args, "sco", None) else None, link_media=getattr(args, "link_media", False)
    )
    if command == "serve":
        from .serve import serve

        return serve(project, options, args.port)
    return _build(project, options)


def _new(project: Project, words: list[str], module: str | None) -> int:
    from . import scaffold

    kind = words[0] if words and words[0] in ("module", "lesson", "modul", "lektion") else "course"
    rest = words[1:] if kind != "course" else words
    try:
        if kind == "course":
            title = " ".join(rest) or _ask("Kursens titel: ")
            made = scaffold.new_course(project, title)
        elif not rest:
            print("ange kursen (mappens namn eller kursens id), t.ex. python build.py new lesson oppna-licenser", file=sys.stderr)
            return 2
        elif kind in ("module", "modul"):
            made = scaffold.new_module(project, rest[0], " ".join(rest[1:]) or _ask("Modulens titel: "))
        else:
            made = scaffold.new_lesson(project, rest[0], " ".join(rest[1:]) or _ask("Lektionens titel: "), module)
    except (scaffold.ScaffoldError, EOFError) as exc:
        print(f"fel: {exc or 'ingen titel angavs'}", file=sys.stderr)
        return 1
    for path in made:
        print(f"skapade {path.relative_to(project.root).as_posix()}")
    print("Kontrollera med python build.py check och förhandsgranska med python build.py serve.")
    return 0


def _ask(prompt: str) -> str:
    """A title asked for on the terminal; without one (a script, CI) there is no one to ask."""
    if not sys.stdin.isatty():
        raise EOFError("ange titeln som argument")
    return input(prompt).strip()


def _print_problems(problems: Problems) -> None:
    for problem in problems.items:
        print(problem, file=sys.stderr)


def _check(project: Project, output: str = "text", strict: bool = False) -> int:
    """Errors, then warnings, as text on stderr (the summary on stdout), GitHub annotations or JSON on stdout.

    Exit 1 on errors, and with --strict on warnings too; warnings alone are advice (exit 0).
    """
    result = check(project, in_parallel=True)
    problems = result.problems
    failed = bool(problems.errors or (strict and problems.warnings))
    if output == "json":
        print(as_json(problems))
        return 1 if failed else 0
    if output == "github":
        for problem in problems.items:
            print(problem.github())
        return 1 if failed else 0
    for problem in problems.errors:
        print(problem, file=sys.stderr)
    if problems.warnings:
        print(f"Varningar ({len(problems.warnings)}), som inte stoppar bygget (warnings):", file=sys.stderr)
        for problem in problems.warnings:
            print(problem, file=sys.stderr)
    if problems.errors:
        print(f"{len(problems.errors)} fel hittades; inget har byggts.", file=sys.stderr)
        return 1
    if failed:
        print(f"{len(problems.warnings)} varningar, och --strict räknar dem som fel.", file=sys.stderr)
        return 1
    lessons = sum(len(course.lessons) for course in result.catalogue.courses)
    courses = len(result.catalogue.courses)
    print(
        f"Allt innehåll är korrekt: {courses} {'kurs' if courses == 1 else 'kurser'}, {lessons} {'lektion' if lessons == 1 else 'lektioner'}."
    )
    print(credits_summary(result.catalogue))
    return 0


def credits_summary(catalogue: Catalogue) -> str:
    """How many files credit themselves and how many inherit the course's licence and authors (TASL files are opt-in)."""
    assets = [asset for course in catalogue.courses for asset in course.assets]
    inherited = [asset for asset in assets if asset.credit.inherited]
    separate = [asset for course in catalogue.courses for asset in course.separate_works]
    line = (
        f"Källangivelser: {len(assets) - len(inherited)} av {len(assets)} filer har en egen (TASL-fil bredvid filen); "
        f"{len(inherited)} ärver kursens licens och upphovspersoner."
    )
    if separate:
        line += f" {len(separate)} publiceras under egna villkor (separate_work)."
    return line


def _build(project: Project, options: BuildOptions) -> int:
    try:
        report = build(project, options, on_wait=say_waiting)
    except (SiteRenderError, SecondProcessError) as exc:
        print(exc, file=sys.stderr)
        print("Bygget avbröts; den tidigare site/ är orörd.", file=sys.stderr)
        return 1
    _print_problems(report.problems)
    if not report.written:
        print(f"{len(report.problems.errors)} fel hittades; site/ har inte ändrats.", file=sys.stderr)
        return 1
    print(f"Byggt: {report.pages} sidor och {len(report.packages)} paket i {report.seconds['total']:.1f} s → {project.site}")
    return 0


def say_waiting() -> None:
    print("Ett annat bygge pågår i den här mappen; väntar tills det är klart … (another build is running; waiting)", file=sys.stderr)


def _add_bench_parser(commands) -> None:
    bench = commands.add_parser(
        "bench",
        help="mät bygget (CPU- och väggtid) på en syntetisk korpus och jämför med MkDocs och zipfile",
    )
    bench.add_argument("--courses", type=int, default=20, help="antal kurser (standard: 20)")
    bench.add_argument("--lessons", type=int, default=50, help="lektioner per kurs (standard: 50)")
    bench.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="växelvisa körningar per fas; rapporten visar min/median/max (standard: 3)",
    )
    bench.add_argument(
        "--scaling",
        action="store_true",
        help="kör 250, 1000 och 4000 lektioner för att visa att kostnaden är linjär (4000 lektioner körs högst 2 gånger)",
    )
    bench.add_argument(
        "--out", type=Path, default=Path("bench-results/bench.json"), help="JSON-resultatet (standard: bench-results/bench.json)"
    )
    bench.add_argument("--workdir", type=Path, help="behåll korpus och utdata här i stället för i en temporär mapp")


def _bench(project: Project, args: argparse.Namespace) -> int:
    from .bench import BenchOptions, format_table, run_bench

    if args.courses < 1 or args.lessons < 1 or args.repeat < 1:
        print("--courses, --lessons och --repeat måste vara minst 1", file=sys.stderr)
        return 2
    options = BenchOptions(
        courses=args.courses,
        lessons=args.lessons,
        repeat=args.repeat,
        scaling=args.scaling,
        out=args.out,
        workdir=args.workdir,
    )
    results = run_bench(project.root, options, progress=lambda message: print(message, file=sys.stderr))
    print(format_table(results))
    out = options.out if options.out.is_absolute() else project.root / options.out
    print(f"\nResults: {out}")
    if results["busy"]["busy"]:
        print(f"Varning: {results['busy']['message']}", file=sys.stderr)
    return 0
