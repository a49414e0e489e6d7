"""Who did what (the audit log) and who is told about it (notifications), for every web app.

Both ``accounts`` and ``review`` record and notify through this app; it imports neither of
them (pyproject.toml's import-linter contracts), so the base app never reaches up into review.
"""
