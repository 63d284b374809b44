"""Reading the ankle questionnaires the tissue model uses to weigh an ankle's instability.

Only what the tissue model needs: the CAIT total and the FAAM subscale scores. Full scoring,
interpretation and reporting of every instrument belong to :mod:`kinchain.assessment`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kinchain.errors import InstrumentError

__all__ = ["cait_total", "faam_subscale_pct"]


def cait_total(answers: Any, /, *, items: int, max_total: int) -> int | None:
    """The CAIT total from ``{total: n}`` or a list of the item scores (summed).

    >>> cait_total({"total": 19}, items=9, max_total=30)
    19
    >>> cait_total((3, 2, 2, 3, 2, 2, 1, 2, 2), items=9, max_total=30)
    19
    >>> cait_total(None, items=9, max_total=30) is None
    True
    """
    if answers is None:
        return None
    if isinstance(answers, Mapping):
        total = answers.get("total")
        where = "questionnaires.cait.total"
    elif isinstance(answers, Sequence) and not isinstance(answers, str):
        if len(answers) != items:
            raise InstrumentError(
                f"questionnaires.cait: {len(answers)} item scores given, expected {items}"
            )
        for i, a in enumerate(answers):
            if isinstance(a, bool) or not isinstance(a, int) or a < 0:
                raise InstrumentError(
                    f"questionnaires.cait[{i}]: {a!r} is not a whole-number item score"
                )
        total = sum(answers)
        where = "questionnaires.cait (sum of items)"
    else:
        raise InstrumentError(
            f"questionnaires.cait: expected {{total: n}} or a list of {items} item scores, "
            f"got {answers!r}"
        )
    if isinstance(total, bool) or not isinstance(total, int) or not 0 <= total <= max_total:
        raise InstrumentError(f"{where}: {total!r} is outside 0..{max_total}")
    return total


def faam_subscale_pct(
    answers: Sequence[int | None] | None, /, *, items: int, min_answered_fraction: float
) -> float | None:
    """A FAAM subscale as a percentage: sum / (4 x answered) x 100, items scored 4..0.

    Items left unanswered (``None``) are dropped; the score is ``None`` when fewer than
    ``min_answered_fraction`` of the ``items`` were answered, or when there are no answers.

    >>> faam_subscale_pct([4] * 8, items=8, min_answered_fraction=0.9)
    100.0
    >>> faam_subscale_pct([3, 3, 3, 3, 2, 2, 2, 2], items=8, min_answered_fraction=0.9)
    62.5
    >>> faam_subscale_pct([4, None, None], items=8, min_answered_fraction=0.9) is None
    True
    """
    if answers is None:
        return None
    if len(answers) > items:
        raise InstrumentError(f"FAAM: {len(answers)} items given, the subscale has {items}")
    answered = [a for a in answers if a is not None]
    for a in answered:
        if isinstance(a, bool) or not isinstance(a, int) or not 0 <= a <= 4:
            raise InstrumentError(f"FAAM: item score {a!r} is outside 0..4")
    if not answered or len(answered) < min_answered_fraction * items:
        return None
    return round(sum(answered) / (4 * len(answered)) * 100, 1)
