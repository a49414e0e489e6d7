"""Text preparation shared by the classifier and the build: caps, cleaning, sentences, script.

Input may be anything a user pipes in (5 MB pastes, binary junk, mixed scripts); these
helpers make it safe and bounded before any model sees it.
"""

from __future__ import annotations

import re
import unicodedata

# A classification reads at most this much text: the first 200,000 characters carry the
# topic of any document, and the cap bounds time and memory on hostile input.
MAX_CHARS = 200_000
MAX_SENTENCES = 400  # evidence is searched in at most this many sentences
MAX_SENTENCE_CHARS = 600

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]+")
_MARKUP = re.compile(
    r"```.*?```|<!--.*?-->|<[^>]{0,200}>|!\[[^\]]*\]\([^)]*\)|\[!\[.*?\)\]\(.*?\)",
    re.DOTALL,
)
_LINK = re.compile(r"\[([^\]]{0,200})\]\([^)]{0,500}\)")
_URL = re.compile(r"https?://\S+")
_SENTENCE_END = re.compile(r"(?<=[.!?;։。])\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)|\n(?=#)")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORDS = re.compile(r"\w+")


def clean(text: object) -> str:
    """A bounded, printable version of any input (non-strings become empty text)."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text[:MAX_CHARS])
    return _CONTROL.sub(" ", text)


def plain(text: str) -> str:
    """Markdown/HTML reduced to its words: code blocks, tags, images and badges removed."""
    text = _MARKUP.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    return re.sub(r"[#*_`>|]+", " ", text)


def sentences(text: str, limit: int = MAX_SENTENCES) -> list[str]:
    """Sentences (or list items / paragraphs) with at least four words, in order."""
    found: list[str] = []
    for part in _SENTENCE_END.split(text):
        sentence = " ".join(part.split())
        if len(_WORDS.findall(sentence)) < 4:
            continue
        if len(sentence) > MAX_SENTENCE_CHARS:
            sentence = sentence[: MAX_SENTENCE_CHARS - 1] + "…"
        found.append(sentence)
        if len(found) >= limit:
            break
    return found


def cyrillic_share(text: str) -> float:
    """Share of letters that are Cyrillic (Russian, Kazakh...), 0 when there are no letters."""
    sample = text[:20_000]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return 0.0
    return len(_CYRILLIC.findall(sample)) / letters


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)


def language_of(text: str) -> str:
    """ "en", "ru" or "kk": which language's goal and target texts to show for this text."""
    if cyrillic_share(text) < 0.3:
        return "en"
    # Letters only Kazakh uses among the Cyrillic alphabets we meet.
    return "kk" if len(_KAZAKH_LETTERS.findall(text[:20_000])) >= 5 else "ru"
