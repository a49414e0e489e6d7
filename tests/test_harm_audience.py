"""9B and 9C by what the product does: content kept for the organisation's own use and
contact with its own staff are told apart from public posting, forums and members reaching
each other; what the scan cannot tell is asked, never failed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dpgkit.assess import assess
from dpgkit.model import Assessment, Finding, Verdict
from tests.harm_fixtures import readme

RepoFactory = Callable[..., Path]


def _finding(assessment: Assessment, indicator: str, probe: str) -> Finding:
    return next(f for f in assessment.indicator(indicator).findings if f.probe == probe)


def _suggestion(assessment: Assessment, question: str) -> str | None:
    indicator = assessment.indicator(question.split(".")[0])
    found = {q.id: q.suggestion for q in indicator.questions}
    if question in found:
        return found[question]
    suggestions: dict[str, str] = {}
    for item in indicator.findings:
        suggestions.update(item.data.get("suggestions", {}))
    return suggestions.get(question.split(".", 1)[1])


CASE_MANAGEMENT = {
    "README.md": readme(
        "Case Desk", "Social workers keep case files for the families they support."
    ),
    "cases/models.py": (
        "from django.db import models\n\n\n"
        "class Beneficiary(models.Model):\n"
        "    full_name = models.CharField(max_length=200)\n"
        "    phone = models.CharField(max_length=20)\n\n\n"
        "class CaseAttachment(models.Model):\n"
        "    document = models.FileField(upload_to='cases/')\n"
        "    uploaded_at = models.DateTimeField(auto_now_add=True)\n\n\n"
        "class CaseComment(models.Model):\n"
        "    text = models.TextField()\n\n\n"
        "class FormSubmission(models.Model):\n"
        "    photo = models.ImageField(upload_to='forms/')\n"
        "    answers = models.JSONField()\n"
    ),
    "cases/views.py": (
        "def upload(request, case_id):\n"
        "    document = request.FILES['document']\n"
        "    return attach(case_id, document)\n"
    ),
    # Clients write to their own case worker; the system texts reminders.
    "db/migrations/001_messages.sql": (
        "CREATE TABLE client_messages (\n"
        "  id serial PRIMARY KEY,\n"
        "  case_id integer NOT NULL,\n"
        "  body text NOT NULL\n"
        ");\n"
        "CREATE TABLE sms_outbound_messages (\n"
        "  id serial PRIMARY KEY,\n"
        "  phone varchar(20),\n"
        "  body text\n"
        ");\n"
    ),
}


def test_case_files_and_messages_to_case_workers_are_not_public(
    repo_factory: RepoFactory,
) -> None:
    assessment = assess(repo_factory(CASE_MANAGEMENT))
    content = _finding(assessment, "9B", "user_content_features")
    assert content.data["distribution"] == "internal"
    assert {item["audience"] for item in content.data["judged"]} == {"internal"}
    assert assessment.indicator("9B").verdict is Verdict.NOT_APPLICABLE
    assert "organisation's own use" in assessment.indicator("9B").summary
    assert "CaseAttachment" in assessment.indicator("9B").summary
    suggestion = _suggestion(assessment, "9B.collects_content")
    assert suggestion is not None and suggestion.startswith("No — ")

    interaction = _finding(assessment, "9C", "user_interaction_features")
    assert interaction.data["product"] == [] and interaction.data["unclear"] == []
    assert interaction.data["internal"] == ["messaging between users", "posts and comments"]
    reasons = " ".join(item["reason"] for item in interaction.data["judged"])
    assert "client_messages belongs to a case_id record" in reasons
    assert "CaseComment is a note on a case record" in reasons
    assert "sms_outbound" not in reasons  # the system's texts are not people talking
    assert assessment.indicator("9C").verdict is Verdict.NOT_APPLICABLE
    assert _suggestion(assessment, "9C.user_interaction") == "No"


FORUM = {
    "README.md": readme("Farmers Forum", "Farmers ask questions and answer each other."),
    "forum/models.py": (
        "from django.db import models\n\n\n"
        "class Forum(models.Model):\n"
        "    title = models.CharField(max_length=200)\n\n\n"
        "class ForumThread(models.Model):\n"
        "    title = models.CharField(max_length=200)\n"
        "    body = models.TextField()\n\n\n"
        "class Follow(models.Model):\n"
        "    created_at = models.DateTimeField(auto_now_add=True)\n"
    ),
}


def test_a_forum_is_public_and_missing_protections_are_asked(repo_factory: RepoFactory) -> None:
    assessment = assess(repo_factory(FORUM))
    content = _finding(assessment, "9B", "user_content_features")
    assert content.data["distribution"] == "public"
    assert content.data["kinds"] == ["forums and discussions"]
    # No policy in the repository is a question: the operator may publish one.
    assert assessment.indicator("9B").verdict is Verdict.NEEDS_ANSWER
    assert "operator" in assessment.indicator("9B").summary
    suggestion = _suggestion(assessment, "9B.collects_content")
    assert suggestion is not None and suggestion.startswith("Yes — forums and discussions")

    interaction = _finding(assessment, "9C", "user_interaction_features")
    assert set(interaction.data["product"]) == {
        "forums and discussions",
        "public profiles and connections",
    }
    assert assessment.indicator("9C").verdict is Verdict.NEEDS_ANSWER
    assert "not found or declared yet" in assessment.indicator("9C").summary


COMMENTS_ONLY = {
    "README.md": readme("Field Notes", "Teams record observations and discuss them."),
    "notes/models.py": (
        "from django.db import models\n\n\n"
        "class Observation(models.Model):\n"
        "    species = models.CharField(max_length=200)\n\n\n"
        "class Comment(models.Model):\n"
        "    text = models.TextField()\n"
        "    created_at = models.DateTimeField(auto_now_add=True)\n"
    ),
    "app/models/message.rb": (
        "class Message < ApplicationRecord\n  validates :body, presence: true\nend\n"
    ),
    "db/schema.rb": (
        'ActiveRecord::Schema.define(version: 1) do\n  create_table "messages" do |t|\n'
        '    t.text "body"\n  end\nend\n'
    ),
}


def test_comments_and_messages_with_no_audience_are_asked(repo_factory: RepoFactory) -> None:
    assessment = assess(repo_factory(COMMENTS_ONLY))
    content = _finding(assessment, "9B", "user_content_features")
    assert content.data["distribution"] == "unclear"
    assert assessment.indicator("9B").verdict is Verdict.NEEDS_ANSWER
    suggestion = _suggestion(assessment, "9B.collects_content")
    # Pre-filled with what was found, and neither Yes nor No: the owner decides.
    assert suggestion is not None and suggestion.startswith("Unclear — posts and comments")
    interaction = _finding(assessment, "9C", "user_interaction_features")
    assert "messaging between users" in interaction.data["unclear"]
    assert assessment.indicator("9C").verdict is Verdict.NEEDS_ANSWER
    assert "Answer 9C.user_interaction" in assessment.indicator("9C").summary


def test_direct_messages_between_members_are_open_interaction(repo_factory: RepoFactory) -> None:
    files = {
        "README.md": readme("Peer Support", "Young parents support each other."),
        "db/migrations/001.sql": (
            "CREATE TABLE direct_messages (\n  id serial PRIMARY KEY,\n  sender_id integer,\n"
            "  recipient_id integer,\n  body text\n);\n"
        ),
        "CODE_OF_CONDUCT.md": "# Code of conduct\n\nReport abuse to safety@peers.example.org.\n",
    }
    assessment = assess(repo_factory(files))
    interaction = _finding(assessment, "9C", "user_interaction_features")
    assert interaction.data["product"] == ["messaging between users"]
    summary = assessment.indicator("9C").summary
    assert assessment.indicator("9C").verdict is Verdict.NEEDS_ANSWER
    assert "reporting and blocking" in summary and "underage" in summary


def test_relations_in_model_declarations_tell_whose_messages(repo_factory: RepoFactory) -> None:
    """The readers leave relations out; who reads a message often shows only there."""
    files = {
        "README.md": readme("Help Desk", "Citizens ask their municipality for help."),
        "desk/models.py": (
            "from django.db import models\n\n\n"
            "class Ticket(models.Model):\n"
            "    subject = models.CharField(max_length=200)\n\n\n"
            "class Message(models.Model):\n"
            "    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE)\n"
            "    body = models.TextField()\n"
        ),
        "app/models/note.rb": "class Note < ApplicationRecord\nend\n",
        "app/models/comment.rb": (
            "class Comment < ApplicationRecord\n  belongs_to :grievance\n"
            "  validates :body, presence: true\nend\n"
        ),
        "db/schema.rb": (
            'ActiveRecord::Schema.define(version: 1) do\n  create_table "comments" do |t|\n'
            '    t.text "body"\n  end\nend\n'
        ),
    }
    assessment = assess(repo_factory(files))
    interaction = _finding(assessment, "9C", "user_interaction_features")
    reasons = {item["reason"] for item in interaction.data["judged"]}
    assert any("Message belongs to a ticket record" in reason for reason in reasons), reasons
    assert interaction.data["product"] == [] and interaction.data["unclear"] == []
    assert assessment.indicator("9C").verdict is Verdict.NOT_APPLICABLE
    content = _finding(assessment, "9B", "user_content_features")
    assert content.data["distribution"] == "internal", content.data["judged"]
