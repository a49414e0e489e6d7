"""Russian and Kazakh text glossed word by word into English, so it enters the English pipeline.

The classifier's static embeddings, Aurora's queries and the lexical model all read English
words. A Cyrillic text is therefore rewritten as the English words its own words stand for,
from a bilingual lexicon of the words that carry SDG meaning (``data/lexicon.tsv``: English,
Russian stems, Kazakh stems; hand-made, see data/README.md), and the same head scores it.

Both languages inflect by suffix (Kazakh agglutinates: мектеп, мектептерде, мектебіміз), so
a lexicon key is a stem and a word matches the longest key it starts with; a key ending in
``=`` matches the whole word only (short words such as су "water" or ел "country" would
otherwise swallow unrelated longer words). A key of several stems matches consecutive words
("мүмкіндігі шектеулі" is "disabilities", not "opportunity limited"). Words the lexicon does
not know are dropped, and so are the keys whose English is ``-`` (constructions such as
"с помощью", "by means of", which are not the words they contain); Latin-script words, numbers and punctuation pass through, so mixed
texts keep their English and sentences keep their ends.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

_TOKEN = re.compile(r"[\w\u0400-\u04ff]+(?:[-'][\w\u0400-\u04ff]+)*|[.!?;:,\n]", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH = re.compile(r"[әғқңөұүһі]")
MAX_PHRASE = 3
_PUNCTUATION = frozenset(".!?;:,")
_VOICED = {"п": "б", "к": "г", "қ": "ғ"}


def normal(word: str) -> str:
    return word.lower().replace("ё", "е")


@dataclass
class Lexicon:
    """Per language: single-word keys (prefix or exact) and phrase keys, each to English."""

    prefix: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> stem -> en
    exact: dict[str, dict[str, str]] = field(default_factory=dict)
    # language -> the first two letters of a phrase's first stem -> (stems, English)
    phrases: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Lexicon:
        lexicon = cls()
        for language in ("ru", "kk"):
            lexicon.prefix[language] = {}
            lexicon.exact[language] = {}
            lexicon.phrases[language] = {}
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"lexicon line {number}: expected 3 tab-separated fields")
            english = " ".join(parts[0].split())
            for language, cell in zip(("ru", "kk"), parts[1:], strict=True):
                for key in cell.split(","):
                    key = normal(key.strip())
                    if key:
                        lexicon.add(language, key, english)
        for language in ("ru", "kk"):
            lexicon.longest[language] = max(map(len, lexicon.prefix[language]), default=0)
        return lexicon

    def add(self, language: str, key: str, english: str) -> None:
        words = key.split()
        if len(words) > 1:
            stems = tuple(words[:MAX_PHRASE])
            first = stems[0].rstrip("=")[:2]
            self.phrases[language].setdefault(first, []).append((stems, english))
        elif key.endswith("="):
            self.exact[language][key[:-1]] = english
        else:
            self.prefix[language][key] = english
            # Kazakh voices a stem's last п, к, қ before a vowel (мектеп, мектебі;
            # денсаулық, денсаулығы): the voiced stem means the same.
            voiced = _VOICED.get(key[-1]) if language == "kk" else None
            if voiced:
                self.prefix[language].setdefault(key[:-1] + voiced, english)

    def word(self, word: str, language: str) -> str | None:
        exact = self.exact[language].get(word)
        if exact is not None:
            return exact
        prefix = self.prefix[language]
        for end in range(min(len(word), self.longest[language]), 1, -1):
            found = prefix.get(word[:end])
            if found is not None:
                return found
        return None

    def _matches(self, stem: str, word: str) -> bool:
        return word == stem[:-1] if stem.endswith("=") else word.startswith(stem)

    def phrase(self, words: list[str], start: int, language: str) -> tuple[str, int] | None:
        """The English of the longest phrase key at ``start``, and how many words it took."""
        candidates = self.phrases[language].get(words[start][:2], [])
        for size in range(min(MAX_PHRASE, len(words) - start), 1, -1):
            window = words[start : start + size]
            for key, english in candidates:
                if len(key) == size and all(
                    self._matches(stem, word) for stem, word in zip(key, window, strict=True)
                ):
                    return english, size
        return None


def language(text: str) -> str:
    """ "kk" when the text uses letters only Kazakh has (at least two), else "ru"."""
    return "kk" if len(_KAZAKH.findall(text.lower())) >= 2 else "ru"


def gloss(text: str, lexicon: Lexicon, lang: str | None = None) -> str:
    """The English words a Russian or Kazakh text stands for (other words pass through)."""
    lang = lang or language(text)
    # A Kazakh text borrows Russian words (платформа, мониторинг): its own lexicon first.
    order = ("kk", "ru") if lang == "kk" else ("ru",)
    # Composed letters (й, ё, қ): texts may carry a base letter and a combining mark.
    tokens = _TOKEN.findall(unicodedata.normalize("NFC", text))
    words = [normal(token) for token in tokens]
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token, word = tokens[index], words[index]
        if not _CYRILLIC.search(word):
            out.append(token)
            index += 1
            continue
        # A phrase may run only over Cyrillic words: collect the run ahead.
        end = index
        while end < len(words) and end - index < MAX_PHRASE and _CYRILLIC.search(words[end]):
            end += 1
        english: str | None = None
        taken = 1
        for code in order:
            phrase = lexicon.phrase(words[index:end], 0, code) if end - index > 1 else None
            if phrase is not None:
                english, taken = phrase
                break
            english = lexicon.word(word, code)
            if english is not None:
                break
        if english and english != "-":
            out.append(english)
        index += taken
    return _join(out)


def _join(tokens: list[str]) -> str:
    text = ""
    for word in tokens:
        if word == "\n":
            text += "\n"
        elif word in _PUNCTUATION:
            text = text.rstrip(" ") + word + " "
        else:
            text += word + " "
    return re.sub(r"[ ]+\n", "\n", text).strip()


def load(path: Path) -> Lexicon:
    return Lexicon.parse(path.read_text(encoding="utf-8"))
