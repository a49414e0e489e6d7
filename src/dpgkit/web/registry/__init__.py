"""The public registry: nominee and screening records, browsing, search, API and export."""
