"""Nominations and their review: submit, assess in the background, review, decide, renew."""
