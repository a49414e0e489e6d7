"""Evidence found in the project's own words and files that is not about dependencies,
licenses or personal data: README structure, community health files, documentation sites.
"""
