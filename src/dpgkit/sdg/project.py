"""Project-level SDG relevance: weigh a project's own words, goal by goal.

Input is what the project says of itself, as passages with their place (README and its
first sections, docs index, manifest and publiccode.yml descriptions, the owner's
answers). Output is, per goal, a score, the sentences that support it (with path and
line), the best UN targets, whether the evidence is strong and specific, and whether the
project presents itself as a general-purpose developer tool (which the registry does not
accept on indirect relevance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dpgkit.sdg.classifier import SdgClassifier
from dpgkit.sdg.text import clean, language_of, plain, sentences

# Strong and specific: the project's words as a whole point to the goal with at least
# this probability, and at least STRONG_SENTENCES of its own sentences do too.
STRONG_SCORE = 0.6
SENTENCE_SCORE = 0.5
STRONG_SENTENCES = 2
SUGGEST_SCORE = 0.25  # below this a goal is not worth suggesting
MAX_SUGGESTIONS = 3
MAX_SENTENCES = 300
# The project's self-description: what decides whether it presents itself as a tool.
SELF_DESCRIPTION_WORDS = 120

# Explicit claims such as "SDG 3", "Sustainable Development Goal 11", "ЦУР 4", "ТДМ 4".
_EXPLICIT = re.compile(
    r"\b(?:SDGs?|Sustainable\s+Development\s+Goals?|Global\s+Goals?|ЦУР|ТДМ|Цел[ьи]\s+устойчивого\s+развития"
    r"|Тұрақты\s+даму\s+мақсат\w*)\s*(?:#|№|no\.?|number)?\s*(\d{1,2})\b",
    re.IGNORECASE,
)

# Phrases by which a project presents itself as a general-purpose developer tool, with the
# reason a reviewer would give. Matched in the self-description only (the first words of
# the README and the manifests' descriptions): an SDG project may well be "built with a
# web framework" further down.
DEVELOPER_TOOL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        (
            "a programming language or compiler",
            r"\b(?:programming|scripting|query)\s+language\b|\bcompiler\b|\binterpreter\b"
            r"|язык\w*\s+программирования|бағдарламалау\s+тіл",
        ),
        (
            "a machine-learning library or framework",
            r"\b(?:machine|deep)[- ]learning\s+(?:library|framework|toolkit|platform)\b"
            r"|\bneural[- ]network\s+library\b|\bautograd\b|\btensor\s+(?:library|computation)\b"
            r"|библиотек\w*\s+(?:для\s+)?машинного\s+обучения",
        ),
        (
            "a user-interface framework or component library",
            r"\bUI\s+(?:framework|library|toolkit|components?|kit)\b|\bcomponent\s+library\b"
            r"|\b(?:CSS|front[- ]?end|frontend|JavaScript|web|widget|GUI)\s+(?:framework|toolkit)\b",
        ),
        (
            "a developer utility",
            r"\b(?:developer|development)\s+(?:tool|utility|utilities|tooling)\b|\blinter\b"
            r"|\bcode\s+formatter\b|\bbuild\s+(?:tool|system)\b|\bbundler\b|\bpackage\s+manager\b"
            r"|\b(?:testing|test)\s+(?:framework|library|runner)\b|\blogging\s+library\b"
            r"|\bORM\b|\bHTTP\s+(?:client|server)\s+library\b|\bstatic\s+site\s+generator\b"
            r"|\bcode\s+editor\b|\bIDE\b|\b(?:an?|the)\s+(?:[\w-]+\s+){0,2}SDK\b|\bboilerplate\b|\bstarter\s+(?:kit|template)\b"
            r"|инструмент\w*\s+(?:для\s+)?разработчик|әзірлеушілер\w*\s+арналған\s+құрал",
        ),
        (
            "a general-purpose software library",
            r"\b(?:a|an|the)\s+(?:\w+\s+){0,3}(?:library|framework)\s+for\s+(?:building|developing|writing|creating|parsing|working\s+with)\b"
            r"|\bgeneral[- ]purpose\b",
        ),
    )
)


@dataclass
class Passage:
    """Words of the project with where they come from."""

    source: str  # "readme", "description", "publiccode", "docs", "answers"
    path: str
    line: int | None
    text: str


@dataclass
class Support:
    sentence: str
    path: str
    line: int | None
    score: float


@dataclass
class GoalEvidence:
    sdg: int
    score: float
    strong: bool
    explicit: bool
    targets: list[str] = field(default_factory=list)
    support: list[Support] = field(default_factory=list)


@dataclass
class DeveloperTool:
    reason: str
    path: str
    line: int | None
    phrase: str


@dataclass
class Relevance:
    goals: list[GoalEvidence]  # suggested goals, best first
    developer_tool: DeveloperTool | None
    language: str  # "en", "ru", "kk" (the language of the goal/target texts to show)
    words: int

    @property
    def strong(self) -> list[GoalEvidence]:
        return [goal for goal in self.goals if goal.strong]


def _sentences_with_place(passages: list[Passage]) -> list[Support]:
    found: list[Support] = []
    for passage in passages:
        text = plain(clean(passage.text))
        lines = passage.text.splitlines()
        for sentence in sentences(text, limit=MAX_SENTENCES):
            line = passage.line
            if passage.line is not None:
                probe = sentence[:40].split()[:4]
                for offset, raw in enumerate(lines):
                    if probe and all(word in raw for word in probe[:2]):
                        line = passage.line + offset
                        break
            found.append(Support(sentence, passage.path, line, 0.0))
            if len(found) >= MAX_SENTENCES:
                return found
    return found


def developer_tool(passages: list[Passage]) -> DeveloperTool | None:
    for passage in passages:
        if passage.source not in {"description", "publiccode", "readme-intro"}:
            continue
        words = passage.text.split()
        opening = " ".join(words[:SELF_DESCRIPTION_WORDS])
        for reason, pattern in DEVELOPER_TOOL_PATTERNS:
            match = pattern.search(opening)
            if match:
                line = passage.line
                if line is not None:
                    for offset, raw in enumerate(passage.text.splitlines()):
                        if match.group(0) in raw:
                            line += offset
                            break
                return DeveloperTool(reason, passage.path, line, match.group(0))
    return None


def assess_relevance(classifier: SdgClassifier, passages: list[Passage]) -> Relevance:
    """Weigh the passages (the more central ones first) into per-goal evidence."""
    whole = "\n\n".join(passage.text for passage in passages)
    language = language_of(whole)
    document = classifier.classify(whole, explain=True)
    support = _sentences_with_place(passages)
    per_sentence = classifier.classify_many([item.sentence for item in support]) if support else []
    explicit = {int(number) for number in _EXPLICIT.findall(whole) if 1 <= int(number) <= 17}
    goals: list[GoalEvidence] = []
    for result in document.goals:
        backing = [
            Support(item.sentence, item.path, item.line, scored.scores[result.sdg])
            for item, scored in zip(support, per_sentence, strict=True)
            if scored.scores[result.sdg] >= SENTENCE_SCORE and result.sdg in scored.predicted
        ]
        backing.sort(key=lambda item: -item.score)
        claimed = result.sdg in explicit
        score = result.score
        strong = (score >= STRONG_SCORE and len(backing) >= STRONG_SENTENCES) or (
            claimed and score >= SUGGEST_SCORE and len(backing) >= 1
        )
        if score < SUGGEST_SCORE and not claimed:
            continue
        if not backing and result.evidence:
            # No single sentence decides alone; the classifier's best sentences still help.
            backing = [Support(sentence, "", None, score) for sentence in result.evidence[:2]]
            backing = [_place(item, support) for item in backing]
        goals.append(
            GoalEvidence(
                sdg=result.sdg,
                score=score,
                strong=strong,
                explicit=claimed,
                targets=result.targets[:3],
                support=backing[:3],
            )
        )
    goals.sort(key=lambda goal: (-goal.strong, -goal.score))
    return Relevance(
        goals=goals[:MAX_SUGGESTIONS],
        developer_tool=developer_tool(passages),
        language=language,
        words=len(whole.split()),
    )


def _place(item: Support, known: list[Support]) -> Support:
    for candidate in known:
        if candidate.sentence == item.sentence:
            return Support(item.sentence, candidate.path, candidate.line, item.score)
    return item
