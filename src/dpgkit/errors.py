"""Errors a user can cause, each with the exit code the CLI documents.

Exit codes: 0 eligible (or command succeeded), 1 not eligible / gate failed /
nomination incomplete, 2 bad usage or bad input.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_ELIGIBLE = 1
EXIT_BAD_INPUT = 2


class DpgError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadInputError(DpgError):
    """The path, file or data handed to us cannot be used."""


class AnswersError(BadInputError):
    """The owner's answers file is missing, malformed or does not match its schema."""
