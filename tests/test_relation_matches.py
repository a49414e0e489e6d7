"""The relation declarations are found as one alternation finds them.

`harm.relations` searches the line-start branches and the others apart and merges them
(Python's re tries every branch at every character); this compares the merge with the
single multi-line alternation it replaces on generated model files: Django, SQLAlchemy,
Rails, Laravel, JPA, Sequelize and migration declarations, glued with blank lines, comments
and partial declarations, so that matches touch, overlap and tie.
"""

from __future__ import annotations

import random
import re

from dpgkit.harm.relations import _relation_matches

_REFERENCE = re.compile(
    r"^\s*(\w+)\s*(?::[^=\n]+)?=\s*(?:models\.|db\.)?(?:ForeignKey|OneToOneField|ParentalKey|"
    r"relationship|ReferenceField)\s*\("
    r"|^\s*belongs_to\s+:(\w+)"
    r"|function\s+(\w+)\s*\(\s*\)[^{\n]*\{\s*return\s+\$this->(?:belongsTo|morphTo)\b"
    r"|@(?:ManyToOne|OneToOne)\b[^;]{0,300}?\s(\w+)\s*;"
    r"|belongsTo\(\s*(?:models\.)?(\w+)"
    r"|\(\s*[\"'](\w+)[\"']\s*,\s*(?:django\.db\.)?(?:models\.)?(?:ForeignKey|OneToOneField)\(",
    re.MULTILINE,
)
_PIECES = [
    "case = models.ForeignKey(Case, on_delete=models.CASCADE)",
    "    submission = models.OneToOneField('Submission')",
    "author: Mapped[User] = relationship('User')",
    'post = db.relationship("Post")',
    "  belongs_to :ticket",
    "belongs_to :post, optional: true",
    "public function owner() { return $this->belongsTo(User::class); }",
    "function parent() { return $this->morphTo(); }",
    '@ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "patient_id") private Patient patient;',
    "@OneToOne private Visit visit;",
    "Comment.belongsTo(models.Post);",
    "belongsTo( Thread)",
    '("reporter", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="x")),',
    "('org', django.db.models.ForeignKey(to='y'))",
    "name = models.CharField(max_length=20)",
    "# ForeignKey mentioned in a comment",
    "x = ForeignKey",
    "@ManyToOne",
    "private Long id;",
    "",
    "   ",
    "class Comment(models.Model):",
    "é = models.ForeignKey(Thing)",
]


def _reference(text: str) -> list[str]:
    found = []
    for match in _REFERENCE.finditer(text):
        name = next((group for group in match.groups() if group), None)
        if name:
            found.append(name)
    return found


def test_the_merged_searches_find_what_the_alternation_finds() -> None:
    generator = random.Random(21)
    for _ in range(4000):
        pieces = [generator.choice(_PIECES) for _ in range(generator.randint(0, 12))]
        glue = [generator.choice(["\n", "\n\n", " ", "\n  \n", "\r\n", "; "]) for _ in pieces]
        text = "".join(piece + sep for piece, sep in zip(pieces, glue, strict=True))
        if generator.random() < 0.5:
            text = text.rstrip()
        assert list(_relation_matches(text)) == _reference(text), repr(text)


def test_a_declaration_on_the_first_line_is_found() -> None:
    assert list(_relation_matches("case = models.ForeignKey(Case)\n")) == ["case"]
    assert list(_relation_matches("belongs_to :ticket")) == ["ticket"]
