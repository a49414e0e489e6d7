"""Scans of every registered good's repository: history, verdict changes, the job that makes them."""
