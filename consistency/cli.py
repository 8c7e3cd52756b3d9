"""The ``consistency`` command line: the only module that imports typer.

It turns flags into objects, calls the library, hands the result to a reporter,
writes it, and picks the exit code. Exit codes are decided here and only here:

* 0: nothing at or above ``--fail-on`` (or, for commands that find nothing, success);
* 1: ``check`` found something at or above ``--fail-on``;
* 2: bad input or usage (one line on stderr, no traceback), and also any
  unexpected error: a crash must never look like "findings" to CI. ``--debug``
  shows the traceback.

Heavy modules are imported inside the commands so ``consistency --help`` and
batch workers start fast.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .errors import ConsistencyError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

app = typer.Typer(
    name="consistency",
    help="Check an Android app (APK) against its privacy policy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
mappings_app = typer.Typer(help="Validate and list the mapping tables.", no_args_is_help=True)
app.add_typer(mappings_app, name="mappings")

_state = {"debug": False}


class TextOrJson(str, enum.Enum):
    """The formats of ``inspect`` and ``policy``."""

    text = "text"
    json = "json"


class CheckFormat(str, enum.Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    html = "html"
    markdown = "markdown"


class FailOn(str, enum.Enum):
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"
    none = "none"


class SummaryFormat(str, enum.Enum):
    text = "text"
    json = "json"
    html = "html"
    csv = "csv"


class ExportFormat(str, enum.Enum):
    csv = "csv"
    jsonl = "jsonl"


class Engine(str, enum.Enum):
    local = "local"
    dask = "dask"


class TableName(str, enum.Enum):
    datatypes = "datatypes"
    permissions = "permissions"
    sdks = "sdks"


MappingsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--mappings", help="A directory of extra mapping tables layered over the built-in ones (repeatable)."
    ),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")
]


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print one line on stderr and exit."""
    typer.echo(f"consistency: error: {message}", err=True)
    raise typer.Exit(code)


def emit(text: str, output: Path | None) -> None:
    """Write a rendered report to a file or stdout."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{output}: cannot write the report: {exc.strerror or exc}")


def _load_mappings(extra: list[Path] | None):
    from .mappings import load_mappings

    return load_mappings(extra or ())


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")] = False,
) -> None:
    _state["debug"] = debug


@app.command()
def inspect(
    apk: Annotated[Path, typer.Argument(help="The APK to read.")],
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
    output: OutputOption = None,
    mappings: MappingsOption = None,
) -> None:
    """What the app can reach: permissions, SDKs, data types, with evidence."""
    from .apk.facts import read_apk_facts
    from .apk.profile import build_profile
    from .report.inspect import render_inspect

    facts = read_apk_facts(apk)  # first: a bad APK is reported without loading the tables
    profile = build_profile(facts, _load_mappings(mappings))
    to_terminal = output is None and sys.stdout.isatty()
    emit(render_inspect(profile, format.value, color=to_terminal, width=None if to_terminal else 100), output)


@app.command()
def policy(
    policy: Annotated[
        str, typer.Argument(help="The privacy policy (.txt, .html, .md, .pdf) or - for stdin.")
    ],
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
    output: OutputOption = None,
    mappings: MappingsOption = None,
) -> None:
    """What the policy states, per data type and third party, with evidence."""
    from .policy.document.read import read_document
    from .policy.extract.statements import read_statements
    from .report.policy import render_policy

    document = read_document(policy)  # a bad policy is reported even when the tables are broken
    tables = _load_mappings(mappings)
    reading = read_statements(document, tables)
    color = output is None and sys.stdout.isatty()
    emit(render_policy(reading, format.value, tables, color=color), output)


@app.command()
def check(
    apk: Annotated[Path, typer.Argument(help="The APK.")],
    policy: Annotated[str, typer.Argument(help="Its privacy policy, or - for stdin.")],
    format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.text,
    output: OutputOption = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity [default: high]."),
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Suppress findings accepted in this baseline file.")
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", help="Accept today's findings: write them to this baseline file."),
    ] = None,
    reason: Annotated[
        str, typer.Option("--reason", help="Why the findings written with --write-baseline are accepted.")
    ] = "accepted at baseline creation",
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="consistency.yaml or pyproject.toml [default: found in the current directory]."
        ),
    ] = None,
    no_timestamp: Annotated[
        bool,
        typer.Option("--no-timestamp", help="Leave the timestamp out of the report (byte-identical output)."),
    ] = False,
    mappings: MappingsOption = None,
) -> None:
    """The diff: findings with evidence; exit 1 on findings at or above --fail-on."""
    from .pipeline import run_check

    code = run_check(
        apk=apk,
        policy=policy,
        format=format.value,
        output=output,
        fail_on=fail_on.value if fail_on else None,
        baseline=baseline,
        write_baseline=write_baseline,
        reason=reason,
        config_path=config,
        timestamp=not no_timestamp,
        extra_mappings=tuple(mappings or ()),
        emit=emit,
    )
    raise typer.Exit(code)


@app.command()
def scan(
    catalog: Annotated[
        Path, typer.Argument(help="A directory of APKs with their policies, or a CSV/JSONL manifest.")
    ],
    db: Annotated[Path, typer.Option("--db", help="The SQLite results store.")] = Path("results.sqlite"),
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="Worker processes [default: CPU count].")
    ] = None,
    engine: Annotated[Engine, typer.Option("--engine")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address (default: a LocalCluster).")
    ] = None,
    item_timeout: Annotated[float, typer.Option("--item-timeout", help="Seconds one item may take.")] = 120.0,
    item_memory: Annotated[int, typer.Option("--item-memory", help="MiB of memory one item may use.")] = 2048,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Retry items that failed before.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Redo every item.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    config: Annotated[Path | None, typer.Option("--config")] = None,
    mappings: MappingsOption = None,
) -> None:
    """Check a whole catalog of apps; results go to a resumable SQLite store."""
    from .batch.run import run_scan

    code = run_scan(
        catalog=catalog,
        db=db,
        workers=workers,
        engine=engine.value,
        scheduler=scheduler,
        item_timeout=item_timeout,
        item_memory_mb=item_memory,
        retry_failed=retry_failed,
        force=force,
        quiet=quiet,
        config_path=config,
        extra_mappings=tuple(mappings or ()),
    )
    raise typer.Exit(code)


@app.command()
def summary(
    db: Annotated[Path, typer.Argument(help="A results store written by scan.")],
    format: Annotated[SummaryFormat, typer.Option("--format", "-f")] = SummaryFormat.text,
    output: OutputOption = None,
) -> None:
    """Summarise a scan: statuses, most omitted data types, SDK prevalence."""
    from .batch.summary import render_summary

    emit(render_summary(db, format.value), output)


@app.command()
def export(
    db: Annotated[Path, typer.Argument(help="A results store written by scan.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.csv,
    per_app: Annotated[
        bool, typer.Option("--per-app", help="One row per app instead of one per finding.")
    ] = False,
    output: OutputOption = None,
) -> None:
    """Export scan results, one row per finding (or per app)."""
    from .batch.export import render_export

    emit(render_export(db, format.value, per_app=per_app), output)


@mappings_app.command("check")
def mappings_check(
    directory: Annotated[
        Path | None, typer.Argument(help="A directory of tables to validate on top of the built-in ones.")
    ] = None,
) -> None:
    """Validate the tables; print file:line: message for each problem (exit 2 if any)."""
    from .mappings import check_mappings, load_mappings
    from .report.mappings import render_mapping_check, render_mapping_problems

    extra = [directory] if directory else []
    problems = check_mappings(extra)
    if problems:
        typer.echo(render_mapping_problems(problems))
        raise typer.Exit(EXIT_ERROR)
    typer.echo(render_mapping_check(load_mappings(extra)))


@mappings_app.command("list")
def mappings_list(
    table: Annotated[TableName | None, typer.Argument(help="Which table to list.")] = None,
    summary_only: Annotated[bool, typer.Option("--summary", help="Only the counts.")] = False,
    mappings: MappingsOption = None,
) -> None:
    """Show what the tables know."""
    from .report.mappings import render_mapping_list

    typer.echo(
        render_mapping_list(
            _load_mappings(mappings), table.value if table else None, summary_only=summary_only
        )
    )


@mappings_app.command("coverage")
def mappings_coverage(
    tracker_list: Annotated[Path, typer.Argument(help="A tracker list in Exodus's JSON layout.")],
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
    mappings: MappingsOption = None,
) -> None:
    """What a public tracker list has that the SDK table lacks."""
    from .report.coverage import render_coverage_json, render_coverage_text
    from .tracker_lists import measure_coverage, read_tracker_list

    trackers = read_tracker_list(tracker_list)  # first: a bad file is reported without loading the tables
    results = measure_coverage(trackers, _load_mappings(mappings).sdk_signatures)
    render = render_coverage_json if format is TextOrJson.json else render_coverage_text
    typer.echo(render(results))


def _is_usage_error(exc: BaseException) -> bool:
    """A bad flag or argument, as raised by click, or by the copy of click that
    recent typer releases carry inside (``typer._click``): both must exit 2 with
    click's own one-line message, not as an internal error."""
    import importlib

    for module in ("click.exceptions", "typer._click.exceptions"):
        try:
            base = importlib.import_module(module).ClickException
        except (ImportError, AttributeError):
            continue
        if isinstance(exc, base):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code so tests can call it directly."""
    try:
        # Without standalone mode click *returns* the code of a typer.Exit raised
        # by a command instead of raising it: keep it, or every exit would be 0.
        code = app(args=argv, prog_name="consistency", standalone_mode=False)
        if isinstance(code, int):
            return code
    except typer.Exit as exc:  # raised by commands with their code
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except ConsistencyError as exc:  # InputError and the rest: one line, exit 2
        typer.echo(f"consistency: error: {exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        typer.echo("consistency: interrupted", err=True)
        return 130
    except Exception as exc:  # a bug: never exit 1, which CI would read as findings
        if _is_usage_error(exc):
            exc.show()  # type: ignore[attr-defined]
            return EXIT_ERROR
        if _state["debug"]:
            raise
        typer.echo(
            f"consistency: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            err=True,
        )
        return EXIT_ERROR
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
