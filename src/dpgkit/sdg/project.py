"""Project-level SDG relevance: one project vector from all of its own words, then goals.

Input is what the project says of itself, as passages with their place and weight (see
``dpgkit.sdg.passages``). Each passage is scored by the project ranker
(``dpgkit.sdg.ranking``: how likely each goal is among those its owners would list;
Russian and Kazakh passages by the classifier's Cyrillic matcher), and the scores are
averaged with the passages' weights into one project vector. Goals come from that vector:
up to three, each with its evidence sentence (file, line, language), its best UN targets,
and how sure the analysis is. Whether the project presents itself as a general-purpose
developer tool (which the registry does not accept on indirect relevance) is decided
apart, from its self-description.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from dpgkit.sdg.answer import DeveloperTool, GoalEvidence, Passage, Relevance, Support
from dpgkit.sdg.classifier import CYRILLIC_MIXED, SdgClassifier
from dpgkit.sdg.ranking import TECHNOLOGY, ProjectRanker, technology_share
from dpgkit.sdg.text import clean, cyrillic_share, language_of, plain, sentences, word_count

# One set of thresholds for every word the analysis uses about a goal (``confidence``):
# "high" (strong and specific): the project vector gives the goal at least STRONG_SCORE and
#   at least STRONG_SENTENCES of the project's own sentences are predicted for it, or an
#   explicit claim ("SDG 3") is backed by one such sentence;
# "medium": the project vector gives it at least MEDIUM_SCORE;
# "low": below that (still proposed when it is the project's best goal).
STRONG_SCORE = 0.5
MEDIUM_SCORE = 0.3
SENTENCE_SCORE = 0.5
STRONG_SENTENCES = 2
PROPOSE_SCORE = 0.05  # the best goal is proposed from this score on
# Further goals (up to three in all) from this score on, each with its confidence: the
# owner sees the runners-up, and the pre-filled answer keeps only the confident ones.
SECOND_SCORE = 0.05
EXPLICIT_FLOOR = 0.5  # an explicit "SDG n" claim in the project's own words
MAX_SUGGESTIONS = 3
MAX_SENTENCES = 300
LENGTH_WORDS = 60  # a passage's weight grows with its length up to this many words
PASSAGE_WORDS = 4  # a passage shorter than this counts only when nothing longer exists
PURPOSE_WORDS = 5  # content words left without technology words that can make a purpose
KIND_SHARING = 0.75  # passages of one kind share its weight: each gets weight / count ** this
TECHNOLOGY_DISCOUNT = 3.0  # a passage's weight shrinks by this times its technology share
# A passage in a language the classifier does not read (Italian beside the English of a
# publiccode.yml, a Norwegian page title) counts this much: the English model would read
# noise into it. Recognised by English function words being nearly absent from a Latin text.
UNREAD_LANGUAGE = 0.1
UNREAD_WORDS = 12  # judged only from this many words
UNREAD_SHARE = 0.06  # English function words below this share of the words
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
            found.append(Support(sentence, passage.path, line, 0.0, language_of(sentence)))
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


def passage_scores(
    classifier: SdgClassifier, ranker: ProjectRanker, texts: list[str]
) -> npt.NDArray[np.float64]:
    """(N, 17) goal scores of prepared texts by the ranker (Russian and Kazakh texts too:
    the classifier reads them through their English gloss)."""
    return ranker.probabilities(classifier, texts)


def unread_language(text: str) -> bool:
    """A Latin-script text of UNREAD_WORDS words or more with (nearly) no English function
    words: neither English nor Russian/Kazakh, which the classifier reads."""
    if cyrillic_share(text) >= CYRILLIC_MIXED:
        return False
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < UNREAD_WORDS:
        return False
    return sum(word in _STOP for word in words) < UNREAD_SHARE * len(words)


def passage_weights(
    passages: list[Passage], texts: list[str], scores: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """How much each passage counts in the project vector.

    Its kind's weight (``Passage.weight``), shared among the passages of that kind (so
    twenty README sections do not outvote the description), growing a little with its
    length, shrinking with its share of technology words, and times how decided it is
    (its best goal's score above its median one: a passage that leans nowhere adds little).
    """
    kinds: dict[str, int] = {}
    for passage in passages:
        kinds[passage.source] = kinds.get(passage.source, 0) + 1
    weights = []
    for passage, text, row in zip(passages, texts, scores, strict=True):
        words = word_count(text)
        weight = passage.weight / kinds[passage.source] ** KIND_SHARING
        weight *= 0.5 + 0.5 * min(words, LENGTH_WORDS) / LENGTH_WORDS
        weight *= min(1.0, max(0.1, 1.0 - TECHNOLOGY_DISCOUNT * technology_share(text)))
        weight *= max(float(row.max() - np.median(row)), 1e-3)
        if unread_language(text):
            weight *= UNREAD_LANGUAGE
        weights.append(weight)
    return np.array(weights)


def project_vector(
    classifier: SdgClassifier, ranker: ProjectRanker, passages: list[Passage]
) -> npt.NDArray[np.float64]:
    """The passages' goal scores averaged with their weights into one vector of 17."""
    texts = [plain(clean(passage.text)) for passage in passages]
    # A name or a label alone is not a purpose: passages of PASSAGE_WORDS words or more
    # count, shorter ones only when there is nothing else.
    kept = [row for row, text in enumerate(texts) if word_count(text) >= PASSAGE_WORDS]
    kept = kept or [row for row, text in enumerate(texts) if word_count(text) >= 1]
    if not kept:
        return np.zeros(17)
    scores = passage_scores(classifier, ranker, [texts[row] for row in kept])
    weights = passage_weights([passages[row] for row in kept], [texts[row] for row in kept], scores)
    vector: npt.NDArray[np.float64] = (weights[:, None] * scores).sum(axis=0) / weights.sum()
    return vector


_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "this",
        "to",
        "we",
        "with",
        "which",
        "who",
        "will",
        "can",
        "other",
        "your",
        "you",
        "all",
        "any",
        "more",
        "most",
        "into",
        "their",
        "them",
        "they",
    ]
)


def _content_words(text: str) -> int:
    return sum(1 for word in re.findall(r"[^\W\d_]{3,}", text) if word.lower() not in _STOP)


def _technology_only(
    classifier: SdgClassifier, ranker: ProjectRanker, whole: str, vector: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """SDG 9 or 17 first only when the words left without technology words still point there.

    The project's name and a handful of words are not a purpose: with fewer than
    PURPOSE_WORDS content words left, technology words were all there was.
    """
    best = int(np.argmax(vector)) + 1
    if best not in {9, 17}:
        return vector
    # Russian and Kazakh words are read as their English gloss, technology words included.
    purpose = TECHNOLOGY.sub(" ", classifier.readable(plain(clean(whole))))
    if _content_words(purpose) >= PURPOSE_WORDS:
        again = ranker.probabilities(classifier, [purpose])[0]
        if best in [int(g) + 1 for g in np.argsort(-again)[:3]]:
            return vector
    adjusted = vector.copy()
    runner_up = float(np.sort(vector)[-2])
    adjusted[best - 1] = runner_up * 0.99
    return adjusted


def _confidence(score: float, strong: bool) -> str:
    if strong:
        return "high"
    return "medium" if score >= MEDIUM_SCORE else "low"


def assess_relevance(
    classifier: SdgClassifier, passages: list[Passage], ranker: ProjectRanker
) -> Relevance:
    """One project vector from the weighted passages, then up to three goals with evidence."""
    whole = "\n\n".join(passage.text for passage in passages)
    language = language_of(whole)
    sources: dict[str, int] = {}
    for passage in passages:
        sources[passage.source] = sources.get(passage.source, 0) + 1
    vector = project_vector(classifier, ranker, passages)
    explicit = {int(number) for number in _EXPLICIT.findall(whole) if 1 <= int(number) <= 17}
    for goal in explicit:
        vector[goal - 1] = max(vector[goal - 1], EXPLICIT_FLOOR)
    if vector.any():
        vector = _technology_only(classifier, ranker, whole, vector)
    ranking = sorted(((g + 1, float(vector[g])) for g in range(17)), key=lambda item: -item[1])
    support = _sentences_with_place(passages)
    per_sentence = classifier.classify_many([item.sentence for item in support]) if support else []
    document = classifier.classify(whole, explain=True) if vector.any() else None
    goals: list[GoalEvidence] = []
    for rank, (sdg, score) in enumerate(ranking[:MAX_SUGGESTIONS]):
        claimed = sdg in explicit
        if rank == 0 and score < PROPOSE_SCORE and not claimed:
            break
        if rank > 0 and not claimed and score < SECOND_SCORE:
            continue
        scored = [
            Support(item.sentence, item.path, item.line, result.scores[sdg], item.language)
            for item, result in zip(support, per_sentence, strict=True)
        ]
        backing = [
            item
            for item, result in zip(scored, per_sentence, strict=True)
            if item.score >= SENTENCE_SCORE and sdg in result.predicted
        ]
        strong = (score >= STRONG_SCORE and len(backing) >= STRONG_SENTENCES) or (
            claimed and len(backing) >= 1
        )
        if not backing and scored:
            # No sentence is predicted for it alone: the one that speaks most of it.
            backing = [max(scored, key=lambda item: item.score)]
        backing.sort(key=lambda item: -item.score)
        goals.append(
            GoalEvidence(
                sdg=sdg,
                score=score,
                strong=strong,
                explicit=claimed,
                confidence=_confidence(score, strong),
                targets=document.goal(sdg).targets[:3] if document else [],
                support=backing[:3],
            )
        )
    return Relevance(
        goals=goals,
        developer_tool=developer_tool(passages),
        language=language,
        words=len(whole.split()),
        ranking=ranking if vector.any() else [],
        sources=sources,
    )
