"""Accounts of the review workflow: sign-up with e-mail confirmation, roles, suspension."""
