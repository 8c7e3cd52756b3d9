"""The ``consistency`` command line: the only module that imports typer.

It turns flags into objects, calls the library, hands the result to a reporter
(:func:`consistency.report.interface.reporter_for`), writes it, and picks the exit
code from :mod:`consistency.exit_codes`. Every command follows one order: read
the inputs it was given, then load the tables, so a bad input is reported even
when the tables are broken.

Heavy modules are imported inside the commands so ``consistency --help`` and
batch workers start fast. This module alone does not use ``from __future__ import
annotations``: typer reads the parameters of every command each time it builds
the command line, and string annotations would each be evaluated again (about
four times the cost of reading them as objects, in every run).
"""

import enum
import functools
import gc
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .errors import ConsistencyError
from .exit_codes import ExitCode
from .report.interface import OutputFormat, Presentation, Subject, formats_for, reporter_for

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


def _format_choices(subject: Subject) -> Any:
    """The ``--format`` choices of one command: its subset of the one
    :class:`OutputFormat` enum (typer needs an Enum class per option)."""
    names = {f.value: f.value for f in formats_for(subject)}
    return enum.Enum(f"{subject.value.title()}Format", names, type=str)


InspectFormat = _format_choices(Subject.inspect)
PolicyFormat = _format_choices(Subject.policy)
CheckFormat = _format_choices(Subject.check)
SummaryFormat = _format_choices(Subject.summary)
ExportFormat = _format_choices(Subject.export)
CoverageFormat = _format_choices(Subject.coverage)
DraftFormat = _format_choices(Subject.datasafety)


class FailOn(str, enum.Enum):
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"
    none = "none"


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


def fail(message: str, code: int = ExitCode.ERROR) -> NoReturn:
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


def _presentation(output: Path | None, tables: Any = None) -> Presentation:
    """Colour and the terminal's width when a terminal reads stdout; fixed
    widths and no styles for files and pipes, so their bytes are reproducible."""
    if output is None and sys.stdout.isatty():
        return Presentation(color=True, width=shutil.get_terminal_size().columns, tables=tables)
    return Presentation(tables=tables)


def _show(subject: Subject, fmt: Any, thing: Any, output: Path | None, tables: Any = None) -> None:
    emit(reporter_for(subject, OutputFormat(fmt.value), _presentation(output, tables)).render(thing), output)


def _load_mappings(extra: list[Path] | None):
    from .mappings import load_mappings

    return load_mappings(extra or ())


def _tables_loader(extra: list[Path] | None) -> Callable[[], Any]:
    """A loader the library calls after reading its input; it keeps what it
    loaded, so the command's own report uses the same tables without a reload."""
    return functools.cache(lambda: _load_mappings(extra))


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")] = False,
) -> None:
    _state["debug"] = debug


@app.command()
def inspect(
    apk: Annotated[Path, typer.Argument(help="The app to read: .apk, .aab, .apks, .xapk or .apkm.")],
    format: Annotated[InspectFormat, typer.Option("--format", "-f")] = "text",
    output: OutputOption = None,
    mappings: MappingsOption = None,
) -> None:
    """What the app can reach: permissions, SDKs, data types, with evidence."""
    from .apk import inspect_apk

    _show(Subject.inspect, format, inspect_apk(apk, _tables_loader(mappings)), output)


@app.command()
def policy(
    policy: Annotated[
        str, typer.Argument(help="The privacy policy (.txt, .html, .md, .pdf) or - for stdin.")
    ],
    format: Annotated[PolicyFormat, typer.Option("--format", "-f")] = "text",
    output: OutputOption = None,
    mappings: MappingsOption = None,
) -> None:
    """What the policy states, per data type and third party, with evidence."""
    from .policy import read_policy

    tables = _tables_loader(mappings)
    reading = read_policy(policy, tables)
    _show(Subject.policy, format, reading, output, tables=tables())


@app.command()
def check(
    apk: Annotated[Path, typer.Argument(help="The app: .apk, .aab, .apks, .xapk or .apkm.")],
    policy: Annotated[
        str, typer.Argument(help="Its privacy policy: a file, - for stdin, or an http(s) URL.")
    ],
    format: Annotated[CheckFormat, typer.Option("--format", "-f")] = "text",
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
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Let a policy URL point to a loopback, private or link-local address."
        ),
    ] = False,
    data_safety: Annotated[
        Path | None,
        typer.Option(
            "--data-safety", help="Also check the app's Data safety form (Play Console's CSV export)."
        ),
    ] = None,
) -> None:
    """The diff: findings with evidence; exit 1 on findings at or above --fail-on."""
    from datetime import datetime, timezone

    from .config import load_config
    from .exit_codes import check_exit_code
    from .fetch.client import FetchLimits
    from .pipeline import check as run_check

    settings = load_config(config)
    accepted = None
    if baseline is not None:  # read first: a typo fails before the work
        from .baseline import load_baseline

        accepted = load_baseline(baseline)
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat() if not no_timestamp else None
    result = run_check(
        apk,
        policy,
        config=settings,
        extra_mappings=tuple(mappings or ()),
        fail_on=fail_on.value if fail_on else None,
        timestamp=stamp,
        fetch_limits=FetchLimits(allow_private=allow_private),
        data_safety=data_safety,
    )
    if write_baseline is not None or accepted is not None:
        result = _baseline_step(result, accepted, write_baseline, reason)
    _show(Subject.check, format, result, output)
    raise typer.Exit(check_exit_code(result))


def _baseline_step(result: Any, accepted: Any, write_baseline: Path | None, reason: str) -> Any:
    """``--write-baseline`` and ``--baseline`` on a check result; their modules load
    only when one of the flags is given."""
    from .baseline import accept_findings, apply_baseline, save_baseline

    # issue 16: the Data safety form's findings share the baseline (no-ops without a form)
    from .datasafety.baseline import accept_form_findings, apply_form_baseline

    if write_baseline is not None:
        accepted = accept_findings(result.findings, reason, result.profile.mappings_digest, previous=accepted)
        accepted = accept_form_findings(result, accepted, reason)
        save_baseline(write_baseline, accepted)
    return apply_form_baseline(apply_baseline(result, accepted), accepted)


@app.command()
def datasafety(
    apk: Annotated[Path, typer.Argument(help="The APK.")],
    policy: Annotated[
        str | None, typer.Option("--policy", help="Its privacy policy: adds evidence and questions.")
    ] = None,
    format: Annotated[DraftFormat, typer.Option("--format", "-f")] = "text",
    output: OutputOption = None,
    mappings: MappingsOption = None,
) -> None:
    """Draft Google Play's Data safety form: text, JSON, or Play Console's CSV import format."""
    from .datasafety.draft_command import draft_for_app

    _show(Subject.datasafety, format, draft_for_app(apk, policy, _tables_loader(mappings)), output)


@app.command()
def scan(
    catalog: Annotated[
        Path,
        typer.Argument(
            help="A directory of apps (.apk, .aab, .apks, .xapk, .apkm) with their policies, or a CSV/JSONL"
            " manifest (columns apk, policy, policy_url, id)."
        ),
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
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Let policy_url values point to loopback, private or link-local addresses.",
        ),
    ] = False,
) -> None:
    """Check a whole catalog of apps; results go to a resumable SQLite store."""
    from .batch.run import scan_catalog

    report = scan_catalog(
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
        allow_private=allow_private,
    )
    if not quiet:
        typer.echo(report.final_line(), err=True)
    raise typer.Exit(ExitCode.OK)


@app.command()
def summary(
    db: Annotated[Path, typer.Argument(help="A results store written by scan.")],
    format: Annotated[SummaryFormat, typer.Option("--format", "-f")] = "text",
    output: OutputOption = None,
) -> None:
    """Summarise a scan: statuses, most omitted data types, SDK prevalence."""
    from .batch.summary import load_summary

    _show(Subject.summary, format, load_summary(db), output)


@app.command()
def export(
    db: Annotated[Path, typer.Argument(help="A results store written by scan.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = "csv",
    per_app: Annotated[
        bool, typer.Option("--per-app", help="One row per app instead of one per finding.")
    ] = False,
    output: OutputOption = None,
) -> None:
    """Export scan results, one row per finding (or per app)."""
    from .batch.export import load_export

    _show(Subject.export, format, load_export(db, per_app=per_app), output)


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
        raise typer.Exit(ExitCode.ERROR)
    tables = load_mappings(extra)
    from .datasafety.table import load_form_table  # issue 16: datasafety.yaml is validated by its owner

    load_form_table(tables)
    typer.echo(render_mapping_check(tables))


@mappings_app.command("list")
def mappings_list(
    table: Annotated[TableName | None, typer.Argument(help="Which table to list.")] = None,
    summary_only: Annotated[bool, typer.Option("--summary", help="Only the counts.")] = False,
    mappings: MappingsOption = None,
) -> None:
    """Show what the tables know."""
    from .report.mappings import MappingListing

    listing = MappingListing(_load_mappings(mappings), table.value if table else None, summary_only)
    emit(reporter_for(Subject.mappings, OutputFormat.text).render(listing), None)


@mappings_app.command("coverage")
def mappings_coverage(
    tracker_list: Annotated[Path, typer.Argument(help="A tracker list in Exodus's JSON layout.")],
    format: Annotated[CoverageFormat, typer.Option("--format", "-f")] = "text",
    output: OutputOption = None,
    mappings: MappingsOption = None,
) -> None:
    """What a public tracker list has that the SDK table lacks."""
    from .tracker_lists import measure_coverage, read_tracker_list

    trackers = read_tracker_list(tracker_list)  # first: a bad file is reported without loading the tables
    _show(
        Subject.coverage, format, measure_coverage(trackers, _load_mappings(mappings).sdk_signatures), output
    )


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


def _fewer_collections() -> None:
    """Run the cyclic garbage collector less often in this short-lived process.

    A check allocates a few hundred thousand objects that all live to the end
    (the knowledge object alone is some 100,000): with the default threshold of
    700 allocations the collector runs some 300 times and re-scans them, about a
    tenth of a run's CPU time. Memory is still freed by reference counting as
    usual; only cycles wait a little longer."""
    gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(max(gen0, 20_000), gen1, gen2)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code so tests can call it directly."""
    _fewer_collections()
    try:
        # Without standalone mode click *returns* the code of a typer.Exit raised
        # by a command instead of raising it: keep it, or every exit would be 0.
        code = app(args=argv, prog_name="consistency", standalone_mode=False)
        if isinstance(code, int):
            return code
    except typer.Exit as exc:  # raised by commands with their code
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else ExitCode.ERROR
    except ConsistencyError as exc:  # InputError and the rest: one line, exit 2
        typer.echo(f"consistency: error: {exc}", err=True)
        return ExitCode.ERROR
    except KeyboardInterrupt:
        typer.echo("consistency: interrupted", err=True)
        return ExitCode.INTERRUPTED
    except Exception as exc:  # a bug: never exit 1, which CI would read as findings
        if _is_usage_error(exc):
            exc.show()  # type: ignore[attr-defined]
            return ExitCode.ERROR
        if _state["debug"]:
            raise
        typer.echo(
            f"consistency: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            err=True,
        )
        return ExitCode.ERROR
    return ExitCode.OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
