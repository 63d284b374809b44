"""The arithmetic of each instrument, over answers already checked by :mod:`.instruments`.

Each scorer takes the normalised answers and the instrument's rules and returns a
:class:`~kinchain.assessment.instruments.Score` whose ``meaning`` says, in plain words, what the
number means (risk group, cut-off, minimal important change).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from kinchain.assessment.instruments import Instrument, Score
from kinchain.body import site_label
from kinchain.intake.model import Pain

__all__ = ["SCORERS", "percent_of_max", "score_pain_ratings"]


def percent_of_max(items: Sequence[int | None], /, *, item_max: int) -> float | None:
    """Sum of the answered items as a percentage of their maximum; None if none answered.

    >>> percent_of_max([3, 2, None, 5], item_max=5)
    66.7
    """
    answered = [v for v in items if v is not None]
    if not answered:
        return None
    return round(100.0 * sum(answered) / (item_max * len(answered)), 1)


def _band(value: float, bands: Sequence[Mapping[str, Any]]) -> str:
    for b in bands:
        if value <= float(b["max"]):
            return str(b["label"])
    return str(bands[-1]["label"])


def _score(
    r: Instrument, values: Mapping[str, Any], meaning: str, notes: Sequence[str] = ()
) -> Score:
    return Score(r.id, r.name, dict(values), meaning, r.cite, tuple(notes))


def score_start_back(items: list[int], r: Instrument) -> Score:
    """Total = positive answers (item 9 only for 'very much'/'extremely'); distress = items 5..9."""
    last_positive = int(items[-1] >= int(r["last_item_positive_from"]))
    positives = [*items[:-1], last_positive]
    total = sum(positives)
    distress = sum(positives[int(r["distress_from_item"]) - 1 :])
    if total <= int(r["low_max_total"]):
        risk = "low"
    elif distress >= int(r["high_min_distress"]):
        risk = "high"
    else:
        risk = "medium"
    meaning = (
        f"Total {total} of {len(items)}, distress subscale {distress} of "
        f"{len(items) - int(r['distress_from_item']) + 1}: {r['meaning'][risk]}."
    )
    return _score(r, {"total": total, "distress": distress, "risk": risk}, meaning)


def score_rmdq(yes: int, r: Instrument) -> Score:
    """Roland-Morris: the count of 'yes' answers, 0..24 (higher = more disability)."""
    n = int(r["items"])
    notes = []
    if yes < int(r["floor_below"]) or yes > int(r["ceiling_above"]):
        notes.append(
            f"Scores below {r['floor_below']} or above {r['ceiling_above']} may not show "
            "change well."
        )
    meaning = (
        f"{yes} of {n} everyday activities limited by back pain (higher means more disability)."
    )
    return _score(r, {"score": yes, "max": n}, meaning, notes)


def score_odi(sections: list[int | None], r: Instrument) -> Score:
    """ODI: sum / (5 x sections answered) x 100, banded."""
    percent = percent_of_max(sections, item_max=int(r["section_max"]))
    assert percent is not None  # checked: at least one section answered
    answered = sum(v is not None for v in sections)
    label = _band(percent, r["bands"])
    meaning = (
        f"{percent:g}% ({label}), from {answered} of {len(sections)} sections; a change of about "
        f"{r['mcid_points']} points or more is one a client notices."
    )
    return _score(
        r,
        {
            "percent": percent,
            "band": label,
            "sections_answered": answered,
            "mcid_points": r["mcid_points"],
        },
        meaning,
    )


def score_cait(total: int, r: Instrument) -> Score:
    """CAIT total 0..30 (lower = more unstable) against the published cut-offs."""
    maximum = sum(int(v) for v in r["item_max"])
    below = [c for c in r["cutoffs"] if total <= int(c["max"])]
    unstable = bool(below)
    if below:
        meaning = f"{total} of {maximum}: " + "; ".join(str(c["label"]) for c in below) + "."
    else:
        highest = max(int(c["max"]) for c in r["cutoffs"])
        meaning = (
            f"{total} of {maximum}: above the cut-offs ({highest} or less suggests instability)."
        )
    return _score(
        r,
        {"total": total, "max": maximum, "unstable": unstable},
        meaning + " Lower means a less stable ankle.",
    )


def score_faam(subscales: Mapping[str, list[int | None]], r: Instrument) -> Score:
    """FAAM ADL and Sports: sum / (4 x answered) x 100, valid only with >= 90% answered."""
    values: dict[str, Any] = {}
    parts = []
    for sid, items in subscales.items():
        spec = r["subscales"][sid]
        answered = sum(v is not None for v in items)
        if answered < float(r["min_answered_fraction"]) * len(items):
            values[sid] = None
            parts.append(
                f"{sid.upper()} not scored: {answered} of {len(items)} answered, "
                f"{float(r['min_answered_fraction']):.0%} needed"
            )
            continue
        pct = percent_of_max(items, item_max=int(r["item_max"]))
        assert pct is not None
        values[sid] = pct
        side = "below" if pct < float(spec["cutoff_below"]) else "at or above"
        parts.append(
            f"{sid.upper()} {pct:g}% ({side} the research cut-off of {spec['cutoff_below']}%; "
            f"change of {spec['mcid_points']} points is meaningful)"
        )
    return _score(r, values, "; ".join(parts) + ". Higher means better function.")


def score_lefs(items: list[int], r: Instrument) -> Score:
    """LEFS: the sum of 20 items, 0..80 (higher = better function)."""
    total = sum(items)
    maximum = int(r["items"]) * int(r["item_max"])
    meaning = (
        f"{total} of {maximum} (higher means better function); a change of "
        f"{r['mcid_points']} points or more is meaningful."
    )
    return _score(r, {"total": total, "max": maximum, "mcid_points": r["mcid_points"]}, meaning)


def score_koos12(scales: Mapping[str, list[int | None]], r: Instrument) -> Score:
    """KOOS-12: each scale 100 - mean x 25 (needs >= 2 items); summary = mean of the three."""
    values: dict[str, Any] = {}
    for sid, items in scales.items():
        answered = [v for v in items if v is not None]
        if len(answered) < int(r["min_items_per_scale"]):
            values[sid] = None
        else:
            values[sid] = round(
                100.0 - (sum(answered) / len(answered)) * 100.0 / int(r["item_max"]), 1
            )
    scored = [v for v in values.values() if v is not None]
    values["summary"] = round(sum(scored) / len(scored), 1) if len(scored) == len(scales) else None
    shown = ", ".join(
        f"{k} {v:g}" if v is not None else f"{k} not scored" for k, v in values.items()
    )
    meaning = (
        f"{shown} (0 worst, 100 best; a scale needs {r['min_items_per_scale']} answered items)."
    )
    return _score(r, values, meaning)


def score_pgq(subscales: Mapping[str, list[int | None]], r: Instrument) -> Score:
    """PGQ: answered items as a percentage of their maximum (100 = worst), per subscale, total."""
    hi = int(r["item_max"])
    values: dict[str, Any] = {
        sid: percent_of_max(items, item_max=hi) for sid, items in subscales.items()
    }
    values["total"] = percent_of_max(
        [v for items in subscales.values() for v in items], item_max=hi
    )
    mics = ", ".join(f"{sid} {s['mic_points']}" for sid, s in r["subscales"].items())
    meaning = (
        "; ".join(f"{k} {v:g}" if v is not None else f"{k} not scored" for k, v in values.items())
        + f" (0 best, 100 worst). Changes smaller than total {r['total_mic_points']}, {mics} points"
        " may not be meaningful."
    )
    return _score(r, values, meaning)


def score_psfs(activities: list[tuple[str, int]], r: Instrument) -> Score:
    """PSFS: the mean of the activity scores, 0..10 (10 = as able as before)."""
    mean = round(sum(s for _, s in activities) / len(activities), 1)
    meaning = (
        f"mean {mean:g} of {r['score_max']} over {len(activities)} activities (10 = as able as "
        f"before); a change of {r['mdc_mean_points']} in the mean, or {r['mdc_single_points']} "
        "in one activity, is more than measurement noise."
    )
    return _score(
        r,
        {"mean": mean, "activities": [{"activity": a, "score": s} for a, s in activities]},
        meaning,
    )


def score_nprs(value: int, r: Instrument) -> Score:
    """NPRS 0..10, banded none / mild / moderate / severe."""
    label = _band(value, r["bands"])
    meaning = (
        f"{value} of {r['max']}: {label}; a change of {r['meaningful_change_points']} points is "
        "meaningful."
    )
    return _score(r, {"score": value, "band": label}, meaning)


def score_pain_ratings(pains: Sequence[Pain], r: Instrument, /) -> Score | None:
    """The NPRS read from the intake's own pain ratings (each ``pain[].intensity`` is a 0..10
    numeric rating): the worst one, and every painful site beside it. None without pain.

    >>> from kinchain.assessment.instruments import instrument_rules
    >>> from kinchain.intake.model import Pain, PartialDate
    >>> pains = [Pain(site="knee", side="left", intensity=3, since=PartialDate(year=2025)),
    ...          Pain(site="lumbar_spine", intensity=6, since=PartialDate(year=2025))]
    >>> score_pain_ratings(pains, instrument_rules()["nprs"]).values["score"]
    6
    """
    if not pains:
        return None
    sites: list[dict[str, Any]] = [
        {
            "site": p.site,
            "side": p.side,
            "score": p.intensity,
            "band": _band(p.intensity, r["bands"]),
            "ref": f"pain[{i}]",
        }
        for i, p in enumerate(pains)
    ]
    worst = max(sites, key=lambda s: int(s["score"]))
    where = site_label(str(worst["site"]), str(worst["side"]) if worst["side"] else None)
    meaning = (
        f"Worst pain {worst['score']} of {r['max']} ({worst['band']}) at the {where}, from the "
        f"pain ratings in the intake; a change of {r['meaningful_change_points']} points is "
        "meaningful."
    )
    values = {"score": worst["score"], "band": worst["band"], "by_site": sites}
    note = "Each pain rating of the intake is a 0 to 10 numeric rating, the NPRS."
    return _score(r, values, meaning, (note,))


SCORERS: Mapping[str, Callable[[Any, Instrument], Score]] = {
    "start_back": score_start_back,
    "rmdq": score_rmdq,
    "odi": score_odi,
    "cait": score_cait,
    "faam": score_faam,
    "lefs": score_lefs,
    "koos12": score_koos12,
    "pgq": score_pgq,
    "psfs": score_psfs,
    "nprs": score_nprs,
}
