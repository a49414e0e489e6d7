"""``dpg users add|grant|list``: the accounts that run the review side of the web app.

Sign-up on the site makes applicants. Reviewers and administrators are created (or an
applicant promoted) here, by whoever runs the server, on the same database as ``dpg serve``.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from dpgkit.cli.common import stdout_console
from dpgkit.cli.serve import configure_environment, setup_django
from dpgkit.errors import BadInputError

if TYPE_CHECKING:
    from dpgkit.web.accounts.roles import Role

users_app = typer.Typer(
    help="Reviewer and administrator accounts of the web app.", no_args_is_help=True
)


class RoleName(StrEnum):
    APPLICANT = "applicant"
    REVIEWER = "reviewer"
    ADMINISTRATOR = "administrator"


DATABASE_HELP = "Default: SQLite in the data folder (the one `dpg serve` uses)."


def _start(database_url: str | None) -> None:
    configure_environment(database_url, None)
    setup_django()
    from dpgkit.web.registry.bootstrap import migrate

    migrate()


def _roles(names: list[RoleName]) -> list[Role]:
    from dpgkit.web.accounts.roles import Role

    by_name = {
        RoleName.APPLICANT: Role.APPLICANT,
        RoleName.REVIEWER: Role.REVIEWER,
        RoleName.ADMINISTRATOR: Role.ADMINISTRATOR,
    }
    return [by_name[name] for name in dict.fromkeys(names)]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise BadInputError("--password-stdin: no password on standard input")
        return line.rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    return password


@users_app.command("add")
def add_command(
    username: str = typer.Argument(..., help="The account's username."),
    email: str = typer.Option(..., "--email", help="Its e-mail address (notifications go there)."),
    role: list[RoleName] = typer.Option(
        ..., "--role", help="reviewer, administrator or applicant (repeatable)."
    ),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
    database_url: str | None = typer.Option(None, "--database-url", help=DATABASE_HELP),
) -> None:
    """Create an active account with roles (asks for the password twice, hidden)."""
    password = _password(password_stdin)
    _start(database_url)
    from dpgkit.web.accounts.operators import AccountError, create_account

    try:
        user = create_account(username, email, password, _roles(role))
    except AccountError as error:
        raise BadInputError(str(error)) from None
    roles = ", ".join(name.value for name in dict.fromkeys(role))
    typer.echo(f"created {user.get_username()} ({roles}); sign in at /accounts/login/")


@users_app.command("grant")
def grant_command(
    username: str = typer.Argument(..., help="An existing account (for example one signed up)."),
    role: list[RoleName] = typer.Option(..., "--role", help="Role(s) to add (repeatable)."),
    database_url: str | None = typer.Option(None, "--database-url", help=DATABASE_HELP),
) -> None:
    """Give an existing account more roles."""
    _start(database_url)
    from dpgkit.web.accounts.operators import AccountError, grant_roles

    try:
        grant_roles(username, _roles(role))
    except AccountError as error:
        raise BadInputError(str(error)) from None
    typer.echo(f"{username}: added {', '.join(name.value for name in dict.fromkeys(role))}")


@users_app.command("list")
def list_command(
    database_url: str | None = typer.Option(None, "--database-url", help=DATABASE_HELP),
) -> None:
    """Every account with its roles and state (active, unconfirmed, suspended)."""
    _start(database_url)
    from dpgkit.web.accounts.operators import accounts

    # Roles as --role takes them ("reviewer"), not as the groups are named ("reviewers").
    typed = {
        role.value: name.value for name, role in zip(RoleName, _roles(list(RoleName)), strict=True)
    }
    table = Table("username", "e-mail", "roles", "state")
    for account in accounts():
        roles = ", ".join(typed.get(group, group) for group in account.roles)
        table.add_row(account.username, account.email, roles, account.state)
    stdout_console().print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
