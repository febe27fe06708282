"""The ``imagenet`` command: mounts one sub-app per noun."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import suppress
from typing import Annotated

import typer

from imagenet_cli import ImagenetError, __version__
from imagenet_cli.cli.errors import printable, report
from imagenet_cli.cli.exitcodes import ExitCode
from imagenet_cli.cli.signals import Terminated, terminate
from imagenet_cli.cli.stdio import checked_stdio, output_failed

#: Each top-level command and the module whose ``app`` holds it (``None``: a group name).
COMMANDS = {
    "synsets": ("synsets", "synsets"), "classes": ("classes", "classes"),
    "subsets": ("subsets", "subsets"), "timeline": ("timeline", None), "arch": ("arch", None),
    "about": ("about", None), "wordnet": ("wordnet", "wordnet"), "data": ("data", "data"),
    "figures": ("figures", None),
    "eval": ("eval", None),
    "browse": ("browse", None),
}  # fmt: skip


def make_app(only: str | None = None) -> typer.Typer:
    """The ``imagenet`` app with every command, or with just ``only`` (a top-level name).

    Typer turns every registered command into Click objects on each run; a run that
    names its command needs only that one, which keeps start-up short as commands grow.
    """
    built = typer.Typer(
        name="imagenet",
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_show_locals=False,
        add_completion=False,
        help="Explore ImageNet offline: WordNet 3.0 synsets, ILSVRC results and architectures.",
    )
    from importlib import import_module

    for command, (module, group) in COMMANDS.items():
        if only is None or command == only:
            sub = import_module(f"imagenet_cli.cli.{module}").app
            if group is None:
                built.add_typer(sub)
            else:
                built.add_typer(sub, name=group)
    built.callback()(main)
    if {"-h", "--help"} & set(sys.argv[1:]):
        from imagenet_cli.cli.help_pipe import quiet_help_pipe

        quiet_help_pipe()
    return built


def _version(value: bool) -> None:
    if value:
        typer.echo(f"imagenet {__version__}")
        raise typer.Exit()


def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, metavar="", help="Print the version."
        ),
    ] = False,
) -> None:
    """Explore ImageNet offline: WordNet 3.0 synsets, ILSVRC results and architectures."""
    _sane_columns()


def _sane_columns() -> None:
    """``COLUMNS`` that is not a positive number (``0``, ``-5``, ``abc``) means 80 columns.

    Rich would take ``COLUMNS=0`` as a width of nothing and print nothing at all.
    """
    columns = os.environ.get("COLUMNS")
    if columns is not None and not (columns.strip().isdigit() and int(columns) > 0):
        os.environ["COLUMNS"] = "80"


def __getattr__(name: str) -> typer.Typer:
    # ``app`` (every command) is built on first use: `run` builds only the command asked
    # for, and building all of them at import loaded every command module on every run.
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    built = globals()["app"] = make_app()
    return built


def _closed_pipe() -> bool:
    # Click swaps stdout for its PacifyFlushWrapper when a write hit a closed pipe (EPIPE).
    return type(sys.stdout).__name__.endswith("PacifyFlushWrapper")


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so nothing left in its buffer is written (or fails) later."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)


def _say(line: str) -> None:
    """One line to stderr; a closed or full stderr cannot be reported anywhere."""
    with suppress(OSError):
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def run() -> None:
    """The console script: ``app``, with every byte of its output accounted for.

    * stdout and stderr are checked writers (:mod:`imagenet_cli.cli.stdio`): a write that
      fails or is cut short (a full disk, a closed stdout) ends the command with one line,
      ``Error: cannot write the output: ...``, and exit code 1, never with exit code 0 and a
      truncated file. Output is flushed and checked before the exit code is decided.
    * Output that the terminal's encoding cannot show (``PYTHONIOENCODING=ascii``) is
      replaced instead of raising; JSON then escapes non-ASCII characters (still valid).
    * A reader that closes the pipe early (``imagenet ... | head -1``) is not an error:
      the command ends quietly with exit code 0.
    * Ctrl-C ends with 130; SIGTERM and SIGHUP with 128 + the signal (143, 129).
    """
    checked_stdio()
    previous = {sig: signal.signal(sig, terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
    wanted = sys.argv[1] if len(sys.argv) > 1 else None
    code: int
    try:
        try:
            make_app(wanted if wanted in COMMANDS else None)(prog_name="imagenet")
        except SystemExit as done:
            code = _exit_code(done.code)
        else:
            code = ExitCode.OK
        if not _closed_pipe():
            sys.stdout.flush()  # the check at exit: what is still buffered must be written
    except BrokenPipeError:
        code = ExitCode.OK
    except ImagenetError as error:  # raised outside a command's user_errors()
        _quiet_stdout()
        with suppress(OSError):
            report(error)
        code = ExitCode.BAD_VALUE
    except OSError as error:
        _quiet_stdout()
        _say(_describe_os_error(error))
        code = ExitCode.BAD_VALUE
    except KeyboardInterrupt:
        _quiet_stdout()
        _say("Error: interrupted")
        code = ExitCode.INTERRUPTED
    except Terminated as stopped:
        _quiet_stdout()
        _say("Error: terminated")
        code = 128 + stopped.signum
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if _closed_pipe():
        code = ExitCode.OK
    _quiet_stdout()  # nothing is left to write: the interpreter's final flush cannot fail
    try:
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr into a pipe its reader closed (2>&1 | head)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    raise SystemExit(int(code))


def _exit_code(code: object) -> int:
    """``SystemExit.code`` as a number: None is success, a message is a failure."""
    if code is None:
        return ExitCode.OK
    return code if isinstance(code, int) else ExitCode.BAD_VALUE


def _describe_os_error(error: OSError) -> str:
    """One line for an ``OSError`` that reached the top: a failed write of the output, or
    a file the command could not read or write (named)."""
    reason = error.strerror or str(error)
    if output_failed() or isinstance(error, BrokenPipeError):
        return f"Error: cannot write the output: {reason}"
    if error.filename is not None:
        name = printable(os.fsdecode(error.filename))
        if len(name) > 300:
            name = f"{name[:150]}...{name[-100:]}"
        return f"Error: {name}: {reason}"
    return f"Error: {reason}"
