"""How much one intake may hold (``limits.yaml``): counts and lengths a real client never
reaches, refused beyond with the field, the limit and the count received.

>>> limit("injuries") >= 10, limit("text_chars")
(True, 200)
"""

from __future__ import annotations

from functools import cache

from kinchain.datafile import mapping, read_bundled_yaml
from kinchain.errors import DataFileError

__all__ = ["LIMIT_NAMES", "limit", "limits"]

_FILE = "limits.yaml"
#: every limit the code enforces; the data file must give each, and nothing else
LIMIT_NAMES = (
    "injuries", "pain", "pain_words", "footwear", "activities", "goals", "screening_keys",
    "questionnaire_items", "text_chars", "notes_chars", "checkins", "checkin_done",
    "problems_shown",
)


def _parse(raw: object) -> dict[str, int]:
    top = mapping(raw, file=_FILE, key="<top>")
    if set(top) != {"cite", "limits"}:
        raise DataFileError(_FILE, "<top>", "expected the keys cite, limits")
    found = mapping(top["limits"], file=_FILE, key="limits")
    if set(found) != set(LIMIT_NAMES):
        wrong = sorted(set(found) ^ set(LIMIT_NAMES))
        raise DataFileError(_FILE, "limits", f"missing or unknown limits: {', '.join(wrong)}")
    out: dict[str, int] = {}
    for name, value in found.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise DataFileError(_FILE, f"limits.{name}", f"expected a whole number >= 1, got "
                                f"{value!r}")
        out[str(name)] = value
    return out


@cache
def limits() -> dict[str, int]:
    """Every limit by name (read once)."""
    return _parse(read_bundled_yaml("kinchain.intake", _FILE))


def limit(name: str, /) -> int:
    """One limit: ``limit("injuries")``."""
    return limits()[name]
