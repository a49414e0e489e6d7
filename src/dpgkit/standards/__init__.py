"""Indicator 8's analysis: which open standards and best practices the project follows."""
