"""The review workflow's declared state machine (review/workflow.py): every transition is
reachable exactly by who it names and only from its source states; nothing else in the web
apps sets a submission's status; the page modules stay small; docs/review.md shows the table
as it is declared."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from dpgkit.web.review import workflow
from dpgkit.web.review.models import (
    AuditEntry,
    IndicatorReview,
    Notification,
    Source,
    Status,
    Submission,
)

ROOT = Path(__file__).resolve().parents[3]
WEB = ROOT / "src" / "dpgkit" / "web"
ACTORS = ["anonymous", "applicant", "other", "reviewer", "reviewer2", "admin", "suspended", None]
# Who may ask, written out by hand (not computed by workflow.may): "applicant" owns the
# submission, "reviewer" is assigned to it, "admin" may assign; None is the system.
EXPECTED: dict[workflow.Asker, set[str | None]] = {
    workflow.Asker.OWNER: {"applicant"},
    workflow.Asker.REVIEWER: {"reviewer", "reviewer2", "admin"},
    workflow.Asker.ASSIGNED: {"reviewer", "admin"},
    workflow.Asker.SYSTEM: {None},
}


def _submission(people: dict[str, Any], status: Status) -> Submission:
    from tests.web.review.test_uploads import valid_records

    nominee, screening = valid_records("Machine Project")
    submission = Submission.objects.create(
        owner=people["applicant"], name="Machine Project", slug="machine-project",
        source=Source.NOMINATION, status=status, reviewer=people["reviewer"],
        nominee_json=json.dumps(nominee), screening_json=json.dumps(screening),
        job_started_at="2026-01-01T00:00:00Z",
    )  # fmt: skip
    for line in workflow.INDICATOR_LINES:
        IndicatorReview.objects.create(submission=submission, indicator=line)
    return submission


def _actor(people: dict[str, Any], name: str | None) -> Any:
    if name is None:
        return None
    if name == "anonymous":
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    return people[name]


STATE_CASES = [
    pytest.param(t.name, source, id=f"{t.name}-{source}")
    for t in workflow.TRANSITIONS
    for source in sorted(t.sources)
]


@pytest.mark.parametrize(("name", "source"), STATE_CASES)
def test_each_transition_is_reachable_only_with_its_permission(
    name: str, source: Status, people: dict[str, Any], make_user: Callable[..., Any]
) -> None:
    from dpgkit.web.accounts.roles import Role

    people["reviewer2"] = make_user("reviewer2b", Role.REVIEWER)
    transition = workflow.BY_NAME[name]
    for actor_name in ACTORS:
        submission = _submission(people, source)
        actor = _actor(people, actor_name)
        audit_before = AuditEntry.objects.count()
        allowed = actor_name in EXPECTED[transition.asker]
        if not allowed:
            with pytest.raises(PermissionDenied):
                workflow._move(name, submission, actor)
            submission.refresh_from_db()
            assert submission.status == source, (name, actor_name)
            assert AuditEntry.objects.count() == audit_before, (name, actor_name)
            continue
        workflow._move(name, submission, actor)
        submission.refresh_from_db()
        assert submission.status == (transition.target or source), (name, actor_name)
        entry = AuditEntry.objects.filter(submission=submission).latest("pk")
        assert entry.action == transition.audit
        if transition.notify is not None:
            whom = (
                people["applicant"]
                if transition.whom is workflow.Whom.OWNER
                else people["reviewer"]
            )
            notified = Notification.objects.filter(
                submission=submission, kind=transition.notify, user=whom
            ).exists()
            # Nobody is notified of their own doing.
            assert notified == (whom != actor), (name, actor_name)


@pytest.mark.parametrize("name", [t.name for t in workflow.TRANSITIONS if t.sources])
def test_each_transition_is_refused_from_every_other_state(
    name: str, people: dict[str, Any]
) -> None:
    transition = workflow.BY_NAME[name]
    actor_name = sorted(EXPECTED[transition.asker], key=str)[0]
    for status in set(Status) - transition.sources:
        submission = _submission(people, status)
        before = AuditEntry.objects.count()
        with pytest.raises(workflow.Conflict):
            workflow._move(name, submission, _actor(people, actor_name))
        submission.refresh_from_db()
        assert submission.status == status and AuditEntry.objects.count() == before


def test_a_raced_transition_is_refused(people: dict[str, Any]) -> None:
    """What the asker read changed before the write (another request, another worker): the
    conditional write matches no row and nothing is recorded."""
    submission = _submission(people, Status.SUBMITTED)
    stale = Submission.objects.get(pk=submission.pk)
    workflow._move("start_review", submission, people["reviewer"])
    before = AuditEntry.objects.count()
    with pytest.raises(workflow.Conflict):
        workflow._move("start_review", stale, people["admin"])  # still believes "submitted"
    # With a version: the page's version is gone once anything changed.
    page_version = submission.version
    workflow._move("ask_clarification", submission, people["reviewer"], page_version)
    with pytest.raises(workflow.Conflict):
        workflow._move("approve", submission, people["reviewer"], page_version)
    assert AuditEntry.objects.count() == before + 1
    submission.refresh_from_db()
    assert submission.status == Status.CLARIFICATION


@pytest.mark.parametrize("kind", [Source.REPOSITORY, Source.NOMINATION])
def test_creation_only_by_those_who_may_submit(people: dict[str, Any], kind: str) -> None:
    for actor_name in ACTORS:
        submission = Submission(name="New", slug="new", source=kind)
        actor = _actor(people, actor_name)
        if actor_name in {"applicant", "other", "admin"}:
            workflow.create(submission, actor)
            expected = Status.QUEUED if kind == Source.REPOSITORY else Status.DRAFT
            assert Submission.objects.get(pk=submission.pk).status == expected
        else:
            with pytest.raises(PermissionDenied):
                workflow.create(submission, actor)


def test_every_transition_is_in_the_table_once() -> None:
    names = [t.name for t in workflow.TRANSITIONS]
    assert len(names) == len(set(names))
    for transition in workflow.TRANSITIONS:
        assert (transition.asker is workflow.Asker.SYSTEM) == (transition.permission is None)
        assert (transition.notify is None) == (transition.whom is None)
    reached = {t.target for t in workflow.TRANSITIONS} | {
        s for t in workflow.TRANSITIONS for s in t.sources
    }
    assert set(Status) <= reached  # no state the table forgot


# --- nothing else sets a status ------------------------------------------------------------

WRITERS = {"update", "create", "get_or_create", "update_or_create", "save_versioned", "Submission"}


def status_writes(source: str) -> list[int]:
    """Lines that set a status: `x.status = ...`, or status=... given to a write."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == "status":
                found.append(node.lineno)
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called == "setattr" and any(
                isinstance(a, ast.Constant) and a.value == "status" for a in node.args
            ):
                found.append(node.lineno)
            if called in WRITERS and any(k.arg == "status" for k in node.keywords):
                found.append(node.lineno)
            if called in WRITERS and any(
                k.arg == "defaults" and "status" in ast.unparse(k.value) for k in node.keywords
            ):
                found.append(node.lineno)
    return found


def test_the_status_check_finds_what_it_should() -> None:
    assert status_writes("s.status = Status.QUEUED") == [1]
    assert status_writes("Submission.objects.filter(pk=1).update(status='x')") == [1]
    assert status_writes("save_versioned(s, 1, status=Status.IN_REVIEW)") == [1]
    assert status_writes("Submission(owner=u, status='draft')") == [1]
    assert status_writes("render(request, 'x.html', status=409)") == []


def test_no_view_job_or_command_sets_a_status() -> None:
    offenders = {}
    for path in sorted(WEB.rglob("*.py")):
        relative = path.relative_to(WEB).as_posix()
        if relative == "review/workflow.py" or "/migrations/" in relative:
            continue
        if relative.split("/")[0] not in {"review", "accounts", "activity"}:
            continue
        lines = status_writes(path.read_text(encoding="utf-8"))
        if lines:
            offenders[relative] = lines
    assert offenders == {}


def test_page_modules_stay_small() -> None:
    for name in ("views.py", "reviewing.py", "community.py", "pages.py"):
        assert len((WEB / "review" / name).read_text(encoding="utf-8").splitlines()) < 400, name


def test_docs_show_the_declared_table() -> None:
    text = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")
    assert workflow.updated_document(text) == text, (
        "docs/review.md is out of date: python -m dpgkit.web review_workflow --write"
    )
    for transition in workflow.TRANSITIONS:
        assert f"| `{transition.name}` |" in text


def test_the_command_prints_and_writes_the_table(tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("review_workflow", stdout=out)
    assert out.getvalue() == workflow.render_markdown()
    assert "stateDiagram-v2" in out.getvalue() and "approved --> expired: expire" in out.getvalue()
    page = tmp_path / "review.md"
    page.write_text(f"# Review\n\n{workflow.DOC_BEGIN}\nold\n{workflow.DOC_END}\n\nAfter.\n")
    call_command("review_workflow", write=str(page), stdout=StringIO())
    written = page.read_text()
    assert written.startswith("# Review\n\n") and written.endswith("\n\nAfter.\n")
    assert "old" not in written and workflow.render_markdown().rstrip("\n") in written
