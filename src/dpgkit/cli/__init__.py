"""The ``dpg`` command. Each module of this package adds its commands with ``register(app)``.

Exit codes: 0 success or eligible; 1 not eligible, gate failed or nomination incomplete;
2 bad usage or bad input (one line on stderr, never a traceback); 130 interrupted.
"""

from __future__ import annotations

import gc
import importlib
import os
import pkgutil
import sys

import typer
from rich.console import Console
from rich.text import Text

from dpgkit import __version__
from dpgkit.errors import EXIT_BAD_INPUT, DpgError

app = typer.Typer(
    name="dpg",
    help="How far is a project from being a Digital Public Good? Evidence, verdicts, nomination.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)
stderr = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        print(f"dpgkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """dpgkit: assess a checkout against the DPG Standard, offline."""


def _register_commands() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda module: module.name):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        register = getattr(loaded, "register", None)
        if register is not None:
            register(app)


# The garbage collector, tuned for a command that builds many objects and frees few: at
# the default threshold (a young collection every 700 allocations) an assessment of a
# 5,000-file project spent about 0.35 s of its 4 s in collections, mostly full ones
# traversing the modules, the license index and the SDG model, which live until exit.
# Young collections every 20,000 allocations, and everything loaded with the commands moved
# out of the collector's sight (gc.freeze, also what keeps forked workers from copying
# pages they only read), leave under 0.1 s. Cyclic garbage is still collected.
gc.set_threshold(20_000, 10, 10)
# numpy's OpenBLAS starts a thread per core and keeps them spinning between the SDG
# classifier's matrix products, which are small (milliseconds): about 0.35 s of CPU on a
# large project for no time saved, on cores the scan pass is using. One thread unless the
# user set it; the variable is read when numpy is first imported, by the commands below.
# The products, and so the output, are the same.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
_register_commands()
gc.freeze()


def _error(message: str) -> None:
    """One line on stderr: ``dpg: error: ...`` (the README's promise for exit code 2)."""
    line = Text("dpg: error:", style="red")
    line.append(" " + " ".join(message.split()))
    stderr.print(line, highlight=False, soft_wrap=True)


def main() -> None:
    try:
        # standalone_mode=False: usage errors come back to us instead of being printed as a
        # boxed usage panel, and typer.Exit's code is returned.
        result = app(standalone_mode=False, prog_name="dpg")
    except typer.TyperException as error:
        # Typer's usage errors (unknown command or option, bad value, missing argument).
        ctx = getattr(error, "ctx", None)
        if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
            ctx.get_help()  # `dpg` or `dpg sdg` alone: the help, printed by Typer, as before
            sys.exit(EXIT_BAD_INPUT)
        # Typer words a bad choice as pydantic does ("Value error, 'x' is not one of ...").
        message = error.format_message().replace("Value error, ", "")
        if ctx is not None:
            message += f" (see {ctx.command_path} --help)"
        _error(message)
        sys.exit(getattr(error, "exit_code", EXIT_BAD_INPUT))
    except DpgError as error:
        _error(error.message)
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        stderr.print("dpg: interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(result if isinstance(result, int) else 0)
