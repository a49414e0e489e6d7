"""Parsers of untrusted files: libyaml-speed YAML with the same data as yaml.safe_load,
aliases refused without a pure-Python compose, a size cap per kind."""

from __future__ import annotations

import time

import pytest
import yaml

from dpgkit import yamlfast
from dpgkit.parsing import SIZE_CAPS, ParseError, load_json, load_yaml, load_yaml_all

SAMPLES = [
    "",
    "---\n",
    "just a string",
    "a: 1\nb: -2.5\nc: 0x1F\nd: 0o17\ne: 1_000\nf: .inf\ng: -.Inf\nh: .nan\n",
    "t: yes\nf: Off\nn: ~\nm: null\ne:\nq: 'yes'\nr: \"12\"\ns: !!str 12\ni: !!int '7'\n",
    "when: 2026-01-01\nat: 2026-01-01T10:00:00Z\nspace: 2001-12-14 21:59:43.10 -5\n",
    "data: !!binary aGVsbG8=\n",
    "list:\n  - one\n  - [two, {three: 3}]\n  - - nested\n    - seq\nempty: []\nflow: {a: b, c: [d]}\n",
    "text: |\n  line one\n  line two\nfolded: >\n  folded\n  text\nkeep: |+\n  kept\n\n",
    "anchored: &a {x: 1}\nplain: value\n",
    "base: &base {x: 1}\nmerged:\n  <<: {y: 2}\n  z: 3\n",
    "? complex key\n: value\n1: int key\n2.5: float key\nnull: null key\ntrue: bool key\n",
    "dup: 1\ndup: 2\n",
    "openapi: 3.0.0\ncomponents:\n  schemas:\n    Well:\n      properties:\n        owner: {type: string, format: email}\n",
    'unicode: Қазақстан — доступная среда\nemoji: "\\u263A"\n',
    "%YAML 1.1\n---\nversion: 1.1\n",
    "sexagesimal: 190:20:30\nfloat60: 1:30.5\n",
    "key with spaces: 'value with: colon'\n'quoted key': x\nurl: http://x.org/a\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_same_data_as_safe_load(text: str) -> None:
    assert load_yaml(text) == yaml.safe_load(text)
    assert type(load_yaml(text)) is type(yaml.safe_load(text))


def test_several_documents() -> None:
    text = "a: 1\n---\n- b\n---\nplain\n...\n"
    assert load_yaml_all(text) == list(yaml.safe_load_all(text))
    with pytest.raises(ParseError, match="another document"):
        load_yaml(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n', 2),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", 3),  # a merge key through an alias too
        ("- !!set {a, b}\n- *x\n", 2),  # after a construct the fast builder leaves to libyaml
    ],
)
def test_aliases_are_refused_with_their_line(text: str, line: int) -> None:
    with pytest.raises(ParseError, match=f"aliases are not accepted \\(line {line}\\)"):
        load_yaml(text)


def test_a_billion_laughs_is_refused_at_once() -> None:
    levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    with pytest.raises(ParseError, match="aliases"):
        load_yaml("\n".join(levels) + "\n")
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "text",
    [
        "a: [unclosed\n",
        "a: !Ref Thing\n",  # an unknown tag: not constructed
        "[a, b]: unhashable\n",
        "a: b\n  c: d\n",
        "x: " + "[" * 2000 + "]" * 2000 + "\n",  # nested past libyaml's limit
    ],
)
def test_bad_documents_are_one_line_parse_errors(text: str) -> None:
    with pytest.raises(ParseError) as raised:
        load_yaml(text)
    assert "\n" not in str(raised.value)


def test_size_caps_refuse_before_parsing() -> None:
    big = "a: b\n" * (SIZE_CAPS["yaml"] // 5 + 1)
    with pytest.raises(ParseError, match="larger than"):
        load_yaml(big)
    with pytest.raises(ParseError, match="larger than"):
        load_json("[" + "1," * (SIZE_CAPS["json"] // 2) + "1]")


@pytest.mark.skipif(not yamlfast.AVAILABLE, reason="libyaml is not installed")
def test_large_openapi_document_is_fast() -> None:
    parts = ["openapi: 3.0.0", "components:", "  schemas:"]
    for index in range(400):
        parts += [f"    Model{index}:", "      properties:"]
        parts += [f"        field{j}: {{type: string, description: 'field {j}'}}" for j in range(8)]
    text = "\n".join(parts) + "\n"
    started = time.perf_counter()
    data = load_yaml(text)
    fast = time.perf_counter() - started
    started = time.perf_counter()
    assert data == yaml.load(text, Loader=yaml.SafeLoader)
    slow = time.perf_counter() - started
    assert fast < slow  # the same data, built without PyYAML's Python composer
