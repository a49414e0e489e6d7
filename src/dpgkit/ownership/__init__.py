"""Indicator 3's analysis: who owns the project, ranked from what the checkout documents."""
