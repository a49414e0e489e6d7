"""Who reads what people put into a product: the public, other members, or only the
organisation that runs it. Shared by the 9B (content) and 9C (interaction) analyses.

The Standard's 9B applies to content that is collected, stored *and distributed*, and 9C to
interaction *between* users. Most digital public goods collect content for the organisation's
own use: data collection forms, case files, attachments on a patient's record, notes a
health worker writes, messages a client sends to their own case worker. That is not content
distributed to the public, nor open interaction between users. Forums, public posts,
comments under public content, public profiles and followers are. The data models say which
is which: the head noun of an entity (``CaseComment`` is a comment; ``CommentAttachment`` is
an attachment), the words before it (a comment on a case, or on a story), and its fields
(``is_public``, ``likes_count``, ``published`` on a post make it public).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from dpgkit.model import Location
from dpgkit.pii.classify import normalise
from dpgkit.pii.fields import DataField


class Audience(StrEnum):
    OPEN = "open"  # the public or other members read it: forums, public posts, followers
    UNCLEAR = "unclear"  # comments or messages with nothing that shows who reads them
    INTERNAL = "internal"  # for the organisation's own use: records, forms, staff notes


# Head nouns, by kind of content or interaction.
FORUM = frozenset({"forum", "forums", "discussion", "discussions", "discussion_board"})
THREAD = frozenset({"thread", "threads", "topic", "topics"})
POST = frozenset(
    {"post", "posts", "comment", "comments", "reply", "replies", "story", "stories", "review"}
    | {"reviews", "article", "articles"}
)
MESSAGE = frozenset({"message", "messages", "conversation", "conversations", "chat", "chats"})
UPLOAD = frozenset(
    {"upload", "uploads", "attachment", "attachments", "media", "photo", "photos", "video"}
    | {"videos", "image", "images", "file", "files", "document", "documents", "submission"}
    | {"submissions"}
)
SOCIAL = frozenset(
    {"follow", "follows", "follower", "followers", "friend", "friends", "friendship"}
    | {"friendships", "following", "like", "likes", "upvote", "upvotes", "reaction", "reactions"}
)
PROFILE = frozenset({"profile", "profiles"})

# Words before the head noun that make it part of the organisation's records: a comment on
# a case, an attachment of a patient, a message of a ticket. (Checked after the public ones.)
_RECORD = frozenset(
    {
        *("case", "cases", "patient", "patients", "client", "clients", "beneficiary", "member"),
        *("household", "encounter", "visit", "order", "loan", "task", "ticket", "issue"),
        *("application", "claim", "incident", "referral", "facility", "report", "request"),
        *("form", "survey", "assessment", "audit", "invoice", "transaction", "account"),
        *("record", "student", "employee", "staff", "project", "shipment", "donation"),
        *("approval", "workflow", "submission", "indicator", "dataset", "data", "lab", "test"),
        *("observation", "person", "event", "enrollment", "enrolment", "program", "contract"),
        *("grant", "organisation", "organization", "org", "admin", "internal", "system"),
        # Messages to the organisation itself: feedback, support, a helpdesk, complaints.
        *("feedback", "support", "contact", "help", "helpdesk", "inquiry", "enquiry"),
        *("complaint", "grievance", "staff", "worker", "provider", "doctor", "nurse"),
        *("note", "notes", "tracker", "entity", "subject", "sample", "specimen", "document"),
    }
)
# Words before the head noun that make it public: a comment on a post, a story's image.
_PUBLIC_OWNER = frozenset(
    {*FORUM, *THREAD, "post", "posts", "story", "stories", "article", "blog", "public"}
    | {"feed", "wall", "community", "gallery", "question", "answer", "video", "profile"}
)
# Messages the system sends (notifications, SMS to patients, e-mail queues, chatbot logs)
# are not people talking to each other.
_SYSTEM_MESSAGE = frozenset(
    {
        *("sms", "outbound", "inbound", "notification", "notifications", "email", "mail"),
        *("template", "templates", "queue", "log", "logs", "bot", "broadcast", "push"),
        *("alert", "alerts", "reminder", "reminders", "system", "error", "status", "ussd"),
        *("whatsapp", "telegram", "outgoing", "incoming", "gateway", "campaign", "kafka"),
        *("mq", "event", "events", "bus", "payload", "webhook", "i18n", "locale", "translation"),
    }
)
# Fields that show an entity is read by the public or by other members.
_PUBLIC_FIELD = re.compile(
    r"^(?:is_)?(?:public|published|publish|visibility|visible_to_public|is_listed|listed)$|"
    r"^(?:published_(?:at|on|date)|public_(?:at|url|link)|"
    r"(?:like|likes|upvote|upvotes|vote|votes|view|views|share|shares|reaction|reactions|"
    r"follower|followers)(?:_count)?|(?:num|number_of|count)_(?:likes|votes|views|shares|followers))$"
)
# Fields that tie an entity to the organisation's records (a foreign key to a case).
_RECORD_FIELD = re.compile(
    r"^(?:case|patient|client|beneficiary|household|encounter|visit|ticket|loan|order|"
    r"application|claim|incident|referral|facility|task|tracked_entity|tei|subject|"
    r"submission|form|survey|enrollment|enrolment|program|report|issue|request|"
    r"nomination|appointment|consultation|student|grievance|complaint)(?:_id|_uuid|_ref)?$"
)


def tokens(entity: str) -> list[str]:
    return [token for token in normalise(entity).split("_") if token]


def head(entity: str) -> tuple[str, list[str]]:
    """The head noun of an entity name and the words before it: CaseComment -> comment, [case].

    Table prefixes and plural tables are kept as words (``m_document`` -> document, [m]).
    """
    words = tokens(entity)
    if not words:
        return "", []
    # Two-word heads that name one thing.
    if len(words) >= 2 and f"{words[-2]}_{words[-1]}" in FORUM:
        return f"{words[-2]}_{words[-1]}", words[:-2]
    return words[-1], words[:-1]


@dataclass(frozen=True)
class Judged:
    """An entity or a code feature, what kind of content or interaction it is, and who
    reads it, with the reason."""

    kind: str
    audience: Audience
    location: Location
    reason: str


# Fields that tie an entity to public content (a comment's post, a reply's thread).
_PUBLIC_PARENT_FIELD = re.compile(
    r"^(?:post|story|article|thread|topic|forum|discussion|question|answer|video|blog_post|"
    r"parent_comment|parent_post)(?:_id|_uuid)?$"
)


def public_fields(fields: list[DataField]) -> list[str]:
    return [field.name for field in fields if _PUBLIC_FIELD.match(normalise(field.name))]


def public_parents(names: list[str]) -> list[str]:
    """Of an entity's columns and relations, those naming public content (post_id, thread)."""
    return [name for name in names if _PUBLIC_PARENT_FIELD.match(normalise(name))]


def record_fields(names: list[str]) -> list[str]:
    """Of an entity's columns and relations, those naming a record (case_id, submission)."""
    return [name for name in names if _RECORD_FIELD.match(normalise(name))]


def owner_audience(owners: list[str]) -> Audience | None:
    """What the words before the head noun say: OPEN (a story's), INTERNAL (a case's)."""
    if any(word in _PUBLIC_OWNER for word in owners):
        return Audience.OPEN
    if any(word in _RECORD for word in owners):
        return Audience.INTERNAL
    return None


def is_system_message(owners: list[str]) -> bool:
    return any(word in _SYSTEM_MESSAGE for word in owners)


def entity_location(field: DataField) -> Location:
    return Location(path=field.path, line=field.line, excerpt=f"{field.entity} ({field.source})")
