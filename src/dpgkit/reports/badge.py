"""The readiness badge: a small SVG such as "DPG readiness | 9/11" for a README.

Hand-written because it is a dozen lines of markup; the text widths are estimated and
pinned with ``textLength`` so the badge looks the same whatever font the viewer has.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from dpgkit.model import Assessment, OverallVerdict

LABEL = "DPG readiness"
# White text on each colour has a contrast ratio of at least 4.5:1 (WCAG AA).
LABEL_COLOUR = "#555555"
COLOURS = {"complete": "#1a7f37", "most": "#9a6700", "few": "#b42318"}
_FONT = "Verdana,Geneva,DejaVu Sans,sans-serif"
_NARROW = set("ijlt.,:;|!'() ")
_HEIGHT = 20
_PAD = 6


def _text_width(text: str) -> int:
    """An estimate of the width of text in 11 px Verdana (narrow glyphs count less)."""
    return round(sum(4.0 if char in _NARROW else 7.2 for char in text))


def badge_colour(met: int, total: int) -> str:
    if total and met >= total:
        return COLOURS["complete"]
    if total and met * 2 > total:
        return COLOURS["most"]
    return COLOURS["few"]


def badge_svg(assessment: Assessment) -> str:
    overall = assessment.overall
    value = f"{overall.met}/{overall.total}"
    state = "eligible" if overall.verdict is OverallVerdict.ELIGIBLE else "not eligible yet"
    title = (
        f"{LABEL} {value}: {assessment.project.name}, {overall.met} of {overall.total} "
        f"indicator lines of the DPG Standard {assessment.standard_version} met or not applicable, {state}"
    )
    label_width, value_width = _text_width(LABEL), _text_width(value)
    left = label_width + 2 * _PAD
    right = value_width + 2 * _PAD
    width = left + right
    colour = badge_colour(overall.met, overall.total)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{_HEIGHT}" '
        f'viewBox="0 0 {width} {_HEIGHT}" role="img" aria-label={quoteattr(f"{LABEL} {value}")}>'
        f"<title>{escape(title)}</title>"
        f'<rect width="{left}" height="{_HEIGHT}" fill="{LABEL_COLOUR}"/>'
        f'<rect x="{left}" width="{right}" height="{_HEIGHT}" fill="{colour}"/>'
        f'<g fill="#ffffff" text-anchor="middle" font-family="{_FONT}" font-size="11">'
        f'<text x="{left / 2:g}" y="14" textLength="{label_width}">{escape(LABEL)}</text>'
        f'<text x="{left + right / 2:g}" y="14" textLength="{value_width}">{escape(value)}</text>'
        "</g></svg>\n"
    )
