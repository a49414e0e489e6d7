"""`dpg sdg classify`: the --jsonl contract and the --text explanation, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys

RUN = [sys.executable, "-m", "dpgkit", "sdg", "classify"]


def run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*RUN, *args], input=stdin, capture_output=True, timeout=120)


def test_jsonl_contract_with_bad_lines_reported_and_the_rest_processed() -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": "Access to safe drinking water and sanitation for rural households.",
            }
        ),
        "this is not json",
        json.dumps({"id": 7, "text": ""}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": None, "text": "Вакцинация детей и снижение материнской смертности."}),
        json.dumps({"id": "no-text"}),
        '{"id": "cut", "text": "unterminated',
        json.dumps({"id": "junk", "text": "\x00\x01\ufffd" * 500}),
    ]
    stdin = ("\n".join(lines) + "\n").encode() + b"\xff\xfe binary junk line\n"
    result = run(["--jsonl"], stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [record["id"] for record in out] == ["a1", 7, None, "no-text", "junk"]
    for record in out:
        assert set(record) == {"id", "sdgs", "scores"}
        assert set(record["scores"]) == {str(goal) for goal in range(1, 18)}
        assert all(isinstance(value, float) for value in record["scores"].values())
        assert all(isinstance(goal, int) for goal in record["sdgs"])
        assert record["sdgs"] == sorted(record["sdgs"])
    assert 6 in out[0]["sdgs"]
    assert out[1]["sdgs"] == []
    assert 3 in out[2]["sdgs"]
    errors = result.stderr.decode()
    for number in (2, 4, 8, 10):
        assert f"line {number}:" in errors
    assert "line 7:" in errors  # no "text": classified as empty and said so


def test_text_prints_goals_scores_targets_and_evidence() -> None:
    text = (
        "Our platform lets farmers record crop yields and soil health, and connects "
        "smallholder farmers to markets to end hunger and double agricultural productivity."
    )
    result = run(["--text", text])
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "SDG 2" in out
    assert "target 2." in out
    assert "“" in out  # a supporting sentence


def test_all_lists_the_17_goals_whether_or_not_one_is_predicted() -> None:
    for text in ("An open map", "Farmers record crop yields to end hunger and raise harvests."):
        out = run(["--text", text, "--all"]).stdout.decode()
        goals = {
            int(line.split("SDG ")[1].split()[0]) for line in out.splitlines() if "SDG " in line
        }
        assert goals == set(range(1, 18)), out


def test_text_and_jsonl_are_exclusive_and_bad_usage_exits_2() -> None:
    assert run([]).returncode == 2
    assert run(["--text", "x", "--jsonl"]).returncode == 2


def test_empty_and_huge_text_do_not_crash() -> None:
    assert run(["--text", ""]).returncode == 0
    big = json.dumps({"id": 1, "text": "clean energy " * 400_000}).encode()  # 5 MB
    result = run(["--jsonl"], big + b"\n")
    assert result.returncode == 0
    assert 7 in json.loads(result.stdout)["sdgs"]
