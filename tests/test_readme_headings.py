"""Headings of Markdown, reStructuredText and AsciiDoc pages, as the documentation probes read them."""

from __future__ import annotations

from dpgkit.evidence.readme import headings

PAGE = """# Accessible Kazakhstan ##

A map of accessible places.

Installation
============

```sh
# not a heading: inside a code block
pip install app
```

Running the server
------------------

Deployment
~~~~~~~~~~

== Configuration (AsciiDoc)

Ok
---

A line over a two-character rule is not a heading
--
####### seven hashes is not a heading
#no space is not a heading
"""


def test_headings_of_every_markup_and_none_inside_code() -> None:
    assert headings(PAGE) == [
        (1, "Accessible Kazakhstan"),
        (5, "Installation"),
        (13, "Running the server"),
        (16, "Deployment"),
        (19, "Configuration (AsciiDoc)"),
        (21, "Ok"),
    ]


def test_an_unclosed_code_block_hides_the_rest_and_empty_text_has_none() -> None:
    assert headings("# Title\n```\n# inside\nSetup\n=====\n") == [(1, "Title")]
    assert headings("") == []
    assert headings("\n\n   \n") == []
