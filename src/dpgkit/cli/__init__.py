"""The ``dpg`` command. Each module of this package adds its commands with ``register(app)``.

Exit codes: 0 success or eligible; 1 not eligible, gate failed or nomination incomplete;
2 bad usage or bad input (one line on stderr, never a traceback); 130 interrupted.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer
from rich.console import Console

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


_register_commands()


def main() -> None:
    try:
        app()
    except DpgError as error:
        stderr.print(f"[red]dpg: error:[/red] {error.message}", highlight=False, markup=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        stderr.print("dpg: interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_BAD_INPUT)
