"""``python -m dpgkit.web <command>``: Django's manage.py for the packaged project."""

from __future__ import annotations

import os
import sys

from dpgkit.web import DEFAULT_SETTINGS


def main() -> None:
    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
