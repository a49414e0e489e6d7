"""Settings modules: ``dev`` (debug), ``local`` (``dpg serve`` default: plain HTTP, no debug),
``prod`` (behind TLS; passes ``check --deploy``), ``test`` (the test suite)."""
