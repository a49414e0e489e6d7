"""Translated names of the registry's controlled values: project types, sectors, countries.

Records keep the registry's English values (filters and exports use them); pages show them in
the page's language. Country names come from the Unicode CLDR through Babel, in every
interface language. The registry writes countries by English name, in several spellings
("VietNam", "Czechia (Czech Republic)", "Virgin Islands, British"), so a name is first
resolved to its ISO 3166 code through pycountry's ISO names (official and common) and CLDR's
English names, compared as sets of words. Sector names are the registry schema's enumeration,
translated in our catalogs (a test keeps the two lists the same).

``search_terms`` gives the words a record is found by in every language: the short names of
its SDGs and the names of its sectors and types (stored with the record: ``store``, migration
0003).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

import pycountry
from babel import Locale
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dpgkit.web.registry.sdg import sdg_short_name

TYPE_LABELS: dict[str, Promise] = {
    "software": _("Software"),
    "data": _("Data"),
    "content": _("Content"),
    "standard": _("Standard"),
    "aimodel": _("AI model"),
}

# The enumeration of "sectors" in the registry's nominee schema, in its order.
SECTOR_LABELS: dict[str, Promise] = {
    "Advocacy": pgettext_lazy("sector", "Advocacy"),
    "Agriculture": pgettext_lazy("sector", "Agriculture"),
    "Anti-corruption": pgettext_lazy("sector", "Anti-corruption"),
    "Big Data": pgettext_lazy("sector", "Big Data"),
    "Business Advocacy": pgettext_lazy("sector", "Business Advocacy"),
    "Capacity Development": pgettext_lazy("sector", "Capacity Development"),
    "Centers of Excellence": pgettext_lazy("sector", "Centers of Excellence"),
    "Civil society": pgettext_lazy("sector", "Civil society"),
    "Climate": pgettext_lazy("sector", "Climate"),
    "Communication": pgettext_lazy("sector", "Communication"),
    "Conflict Resolution": pgettext_lazy("sector", "Conflict Resolution"),
    "Consulting": pgettext_lazy("sector", "Consulting"),
    "Corporate Partnerships": pgettext_lazy("sector", "Corporate Partnerships"),
    "Corporation and Business Management": pgettext_lazy(
        "sector", "Corporation and Business Management"
    ),
    "Data Collection": pgettext_lazy("sector", "Data Collection"),
    "Data Management & Policy": pgettext_lazy("sector", "Data Management & Policy"),
    "Data Security": pgettext_lazy("sector", "Data Security"),
    "Demobilization & Reintegration": pgettext_lazy("sector", "Demobilization & Reintegration"),
    "Democracy": pgettext_lazy("sector", "Democracy"),
    "Development Impact": pgettext_lazy("sector", "Development Impact"),
    "Digital Development": pgettext_lazy("sector", "Digital Development"),
    "Digital/Data/Tech": pgettext_lazy("sector", "Digital/Data/Tech"),
    "Disarmament": pgettext_lazy("sector", "Disarmament"),
    "Economics/Finance": pgettext_lazy("sector", "Economics/Finance"),
    "Education": pgettext_lazy("sector", "Education"),
    "Emergency Response": pgettext_lazy("sector", "Emergency Response"),
    "Employment": pgettext_lazy("sector", "Employment"),
    "Energy": pgettext_lazy("sector", "Energy"),
    "Engineering": pgettext_lazy("sector", "Engineering"),
    "Enterprise Ecosystems": pgettext_lazy("sector", "Enterprise Ecosystems"),
    "Entertainment": pgettext_lazy("sector", "Entertainment"),
    "Environment": pgettext_lazy("sector", "Environment"),
    "Fair & Responsible Media": pgettext_lazy("sector", "Fair & Responsible Media"),
    "Female Genital Mutilation": pgettext_lazy("sector", "Female Genital Mutilation"),
    "Food": pgettext_lazy("sector", "Food"),
    "Fragile States": pgettext_lazy("sector", "Fragile States"),
    "Gender and Minority Groups": pgettext_lazy("sector", "Gender and Minority Groups"),
    "Governance": pgettext_lazy("sector", "Governance"),
    "Health": pgettext_lazy("sector", "Health"),
    "Humanitarian": pgettext_lazy("sector", "Humanitarian"),
    "Hunger": pgettext_lazy("sector", "Hunger"),
    "Infrastructure": pgettext_lazy("sector", "Infrastructure"),
    "Justice": pgettext_lazy("sector", "Justice"),
    "Livelihoods": pgettext_lazy("sector", "Livelihoods"),
    "Logistics": pgettext_lazy("sector", "Logistics"),
    "Management": pgettext_lazy("sector", "Management"),
    "Media": pgettext_lazy("sector", "Media"),
    "Membership Associations": pgettext_lazy("sector", "Membership Associations"),
    "Midwifery": pgettext_lazy("sector", "Midwifery"),
    "Natural Resource Conflicts": pgettext_lazy("sector", "Natural Resource Conflicts"),
    "NGO": pgettext_lazy("sector", "NGO"),
    "Nutrition": pgettext_lazy("sector", "Nutrition"),
    "Peace": pgettext_lazy("sector", "Peace"),
    "Platform creation": pgettext_lazy("sector", "Platform creation"),
    "Religious Engagement": pgettext_lazy("sector", "Religious Engagement"),
    "Research": pgettext_lazy("sector", "Research"),
    "Resource Management": pgettext_lazy("sector", "Resource Management"),
    "Security": pgettext_lazy("sector", "Security"),
    "Social Protection": pgettext_lazy("sector", "Social Protection"),
    "Stability": pgettext_lazy("sector", "Stability"),
    "Supply Chain Solutions": pgettext_lazy("sector", "Supply Chain Solutions"),
    "Sustainability": pgettext_lazy("sector", "Sustainability"),
    "Sustainable Cities": pgettext_lazy("sector", "Sustainable Cities"),
    "Training & Employment": pgettext_lazy("sector", "Training & Employment"),
    "Transition": pgettext_lazy("sector", "Transition"),
    "Transparency & Accountability": pgettext_lazy("sector", "Transparency & Accountability"),
    "Travel and Hospitality": pgettext_lazy("sector", "Travel and Hospitality"),
    "Violent Extremism": pgettext_lazy("sector", "Violent Extremism"),
    "Water and Sanitation": pgettext_lazy("sector", "Water and Sanitation"),
    "Workforce": pgettext_lazy("sector", "Workforce"),
    "World Population": pgettext_lazy("sector", "World Population"),
    "Youth": pgettext_lazy("sector", "Youth"),
}

# Former or everyday English names that ISO 3166 and CLDR have since replaced.
FORMER_COUNTRY_NAMES = {
    "Burma": "MM",
    "Cape Verde": "CV",
    "Czech Republic": "CZ",
    "East Timor": "TL",
    "Ivory Coast": "CI",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "Turkey": "TR",
    "Zaire": "CD",
}
_NOISE_WORDS = {"the", "of", "and", "fmr"}
_PARENTHESES = re.compile(r"\s*\(([^)]*)\)")


def type_label(value: str) -> str:
    return str(TYPE_LABELS.get(value, value))


def sector_label(value: str) -> str:
    return str(SECTOR_LABELS.get(value, value))


def _words_key(name: str) -> str:
    """Case, accents, punctuation, word order and filler words do not matter."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    words = [word for word in re.findall(r"[a-z0-9]+", plain) if word not in _NOISE_WORDS]
    return " ".join(sorted(words))


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}

    def add(name: str, code: str) -> None:
        for variant in (name, _PARENTHESES.sub("", name)):
            key = _words_key(variant)
            if key:
                index.setdefault(key, code)
                index.setdefault(key.replace(" ", ""), code)

    for name, code in FORMER_COUNTRY_NAMES.items():
        add(name, code)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            iso_name = getattr(country, attribute, None)
            if iso_name:
                add(str(iso_name), str(country.alpha_2))
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha():
            add(name, code)
    return index


@cache
def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country named in English, or None."""
    name = name.strip()
    if len(name) == 2 and name.isalpha() and name.isupper():
        return name if pycountry.countries.get(alpha_2=name) else None
    index = _country_index()
    # "Congo (Congo-Brazzaville)": the name, the name without its note, then the note.
    for candidate in (name, _PARENTHESES.sub("", name), *_PARENTHESES.findall(name)):
        key = _words_key(candidate)
        code = index.get(key) or index.get(key.replace(" ", ""))
        if code:
            return code
    return None


@cache
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


def country_label(name: str, language: str | None = None) -> str:
    """The country's name in the given (else the active) language; the name as written when
    it names no country."""
    code = country_code(name)
    if code is None:
        return name
    chosen = str(language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return _territories(chosen).get(code, name)


def search_terms(record: dict[str, Any]) -> str:
    """The record's SDG, sector and type names in every interface language, case-folded:
    what a search in Russian or Kazakh finds it by."""
    numbers = [
        int(item["SDGNumber"])
        for item in record.get("SDGs", [])
        if isinstance(item, dict) and str(item.get("SDGNumber", "")).isdigit()
    ]
    sectors = [str(value) for value in record.get("sectors") or []]
    types = [str(value) for value in record.get("type") or []]
    terms: list[str] = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            terms.extend(_terms(numbers, sectors, types, code))
    return " ".join(dict.fromkeys(term.casefold() for term in terms if term))


def _terms(numbers: list[int], sectors: list[str], types: list[str], code: str) -> Iterable[str]:
    for number in numbers:
        yield sdg_short_name(number, code)
    yield from (sector_label(sector) for sector in sectors)
    yield from (type_label(kind) for kind in types)
