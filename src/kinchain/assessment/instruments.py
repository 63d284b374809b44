"""Outcome instruments: check questionnaire answers and score them by their published rules.

The numbers (item counts, ranges, cut-offs, change thresholds, licences, citations) live in
``instruments.yaml``; this module holds only the arithmetic. Answer formats follow
``docs/intake.md``. :func:`check_answers` lists every problem with its path (for ``kinchain
validate``); :func:`score_instruments` refuses answers with problems by raising
:class:`~kinchain.errors.InstrumentError` and otherwise returns one :class:`Score` per instrument
answered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from kinchain.assessment._data import read_yaml
from kinchain.assessment.instruments_schema import INSTRUMENT_IDS, InstrumentDoc, InstrumentsDoc
from kinchain.errors import InstrumentError, Problem, one_of
from kinchain.evidence import default_registry
from kinchain.intake.model import Questionnaires
from kinchain.knowledge import cross_check, load

__all__ = [
    "Instrument",
    "Score",
    "check_answers",
    "instrument_rules",
    "parse_instrument_rules",
    "score_instruments",
]

_FILE = "instruments.yaml"
_NOT_PARAMS = frozenset({"name", "licence", "cite", "note"})

@dataclass(frozen=True)
class Instrument:
    """One instrument's scoring rules, as written in ``instruments.yaml``."""

    id: str
    name: str
    licence: str
    cite: tuple[str, ...]
    params: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.params[key]


@dataclass(frozen=True)
class Score:
    """One instrument's result: the numbers, what they mean in plain words, and the source."""

    instrument: str
    name: str
    values: Mapping[str, Any]
    meaning: str
    cite: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.values)
        out["name"] = self.name
        out["meaning"] = self.meaning
        out["cite"] = list(self.cite)
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def parse_instrument_rules(raw: Mapping[str, Any], /) -> Mapping[str, Instrument]:
    """Checked scoring rules from a parsed ``instruments.yaml``, every cite key known."""
    doc = load(InstrumentsDoc, raw, file=_FILE)
    cross_check(doc, file=_FILE, registry=default_registry(), sites=())
    dumped = doc.model_dump(mode="json")  # once: the document's serializer is built with it
    out: dict[str, Instrument] = {}
    for iid in INSTRUMENT_IDS:
        rule: InstrumentDoc = getattr(doc, iid)
        params = {k: v for k, v in dumped[iid].items() if k not in _NOT_PARAMS}
        out[iid] = Instrument(iid, rule.name, rule.licence, rule.cite, MappingProxyType(params))
    return MappingProxyType(out)


@cache
def instrument_rules() -> Mapping[str, Instrument]:
    """The bundled instrument rules, loaded and checked once per process."""
    return parse_instrument_rules(read_yaml(_FILE))


# -- answer checks -----------------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _items(
    raw: Any,
    path: str,
    *,
    count: int,
    item_max: int | Sequence[int],
    nullable: bool = False,
    problems: list[Problem],
) -> list[int | None]:
    """Check a list of item answers; append problems and return the list (or [] if unusable)."""
    if not isinstance(raw, list | tuple):
        problems.append(
            Problem(path, f"expected a list of {count} answers, got {type(raw).__name__}")
        )
        return []
    if len(raw) != count:
        problems.append(Problem(path, f"{len(raw)} answers, expected {count}"))
        return []
    out: list[int | None] = []
    for i, value in enumerate(raw):
        hi = item_max[i] if isinstance(item_max, Sequence) else item_max
        if value is None and nullable:
            out.append(None)
        elif not _is_int(value):
            kind = "a whole number or null" if nullable else "a whole number"
            problems.append(Problem(f"{path}[{i}]", f"{value!r} is not {kind} in 0..{hi}"))
        elif not 0 <= value <= hi:
            problems.append(Problem(f"{path}[{i}]", f"{value} is outside 0..{hi}"))
        else:
            out.append(value)
    return out


def _whole(raw: Any, path: str, *, hi: int, problems: list[Problem]) -> int | None:
    if not _is_int(raw):
        problems.append(Problem(path, f"{raw!r} is not a whole number in 0..{hi}"))
        return None
    if not 0 <= raw <= hi:
        problems.append(Problem(path, f"{raw} is outside 0..{hi}"))
        return None
    return int(raw)


def _fields(
    raw: Any, path: str, allowed: Sequence[str], problems: list[Problem]
) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        problems.append(
            Problem(
                path, f"expected a mapping with {' / '.join(allowed)}, got {type(raw).__name__}"
            )
        )
        return {}
    for k in raw:
        if k not in allowed:
            problems.append(
                Problem(f"{path}.{k}", f"unknown field; expected {one_of(allowed)}")
            )
    return raw


# Each reader checks one instrument's raw answers and returns the normalised answers.
Reader = Callable[[Any, str, Instrument, list[Problem]], Any]


def _read_start_back(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    n = int(r["items"])
    maxima = [int(r["item_max"])] * (n - 1) + [int(r["last_item_max"])]
    return _items(raw, path, count=n, item_max=maxima, problems=problems)


def _read_rmdq(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    n = int(r["items"])
    if isinstance(raw, Mapping):
        m = _fields(raw, path, ["yes"], problems)
        if "yes" not in m:
            problems.append(Problem(path, f"expected {{yes: count of yes answers 0..{n}}}"))
            return None
        return _whole(m["yes"], f"{path}.yes", hi=n, problems=problems)
    items = _items(raw, path, count=n, item_max=1, problems=problems)
    return sum(v or 0 for v in items) if len(items) == n else None


def _read_odi(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    items = _items(
        raw,
        path,
        count=int(r["sections"]),
        item_max=int(r["section_max"]),
        nullable=True,
        problems=problems,
    )
    if items and all(v is None for v in items):
        problems.append(Problem(path, "no section answered; at least one is needed"))
    return items


def _read_cait(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    maxima = [int(v) for v in r["item_max"]]
    if isinstance(raw, Mapping):
        m = _fields(raw, path, ["total"], problems)
        if "total" not in m:
            problems.append(
                Problem(
                    path, f"expected {{total: 0..{sum(maxima)}}} or a list of {len(maxima)} answers"
                )
            )
            return None
        return _whole(m["total"], f"{path}.total", hi=sum(maxima), problems=problems)
    items = _items(raw, path, count=len(maxima), item_max=maxima, problems=problems)
    return sum(v or 0 for v in items) if len(items) == len(maxima) else None


def _read_faam(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    subs: Mapping[str, Any] = r["subscales"]
    m = _fields(raw, path, list(subs), problems)
    if m is not None and not any(k in m for k in subs):
        problems.append(Problem(path, f"expected at least one of {one_of(subs)}"))
    return {
        sid: _items(
            m[sid],
            f"{path}.{sid}",
            count=int(s["items"]),
            item_max=int(r["item_max"]),
            nullable=True,
            problems=problems,
        )
        for sid, s in subs.items()
        if sid in m
    }


def _read_lefs(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    return _items(raw, path, count=int(r["items"]), item_max=int(r["item_max"]), problems=problems)


def _read_koos12(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    scales: Mapping[str, Any] = r["scales"]
    hi = int(r["item_max"])
    if isinstance(raw, Mapping):
        m = _fields(raw, path, list(scales), problems)
        out: dict[str, list[int | None]] = {}
        for sid, s in scales.items():
            n = int(s["last"]) - int(s["first"]) + 1
            if sid not in m:
                problems.append(Problem(f"{path}.{sid}", f"missing; expected {n} answers"))
                continue
            out[sid] = _items(
                m[sid], f"{path}.{sid}", count=n, item_max=hi, nullable=True, problems=problems
            )
        return out
    total = max(int(s["last"]) for s in scales.values())
    items = _items(raw, path, count=total, item_max=hi, nullable=True, problems=problems)
    if len(items) != total:
        return {}
    return {sid: items[int(s["first"]) - 1 : int(s["last"])] for sid, s in scales.items()}


def _read_pgq(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    subs: Mapping[str, Any] = r["subscales"]
    m = _fields(raw, path, list(subs), problems)
    out = {}
    for sid, s in subs.items():
        if sid not in m:
            problems.append(Problem(f"{path}.{sid}", f"missing; expected {s['items']} answers"))
            continue
        out[sid] = _items(
            m[sid],
            f"{path}.{sid}",
            count=int(s["items"]),
            item_max=int(r["item_max"]),
            nullable=True,
            problems=problems,
        )
    return out


def _read_psfs(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    most, hi = int(r["max_activities"]), int(r["score_max"])
    if not isinstance(raw, list | tuple) or not raw:
        problems.append(Problem(path, f"expected a list of 1..{most} {{activity, score}}"))
        return []
    if len(raw) > most:
        problems.append(Problem(path, f"{len(raw)} activities, expected at most {most}"))
    out = []
    for i, entry in enumerate(raw):
        m = _fields(entry, f"{path}[{i}]", ["activity", "score"], problems)
        if not m:
            continue
        if not isinstance(m.get("activity"), str) or not m["activity"].strip():
            problems.append(
                Problem(f"{path}[{i}].activity", "missing; name the activity in plain words")
            )
        score = _whole(m.get("score"), f"{path}[{i}].score", hi=hi, problems=problems)
        if score is not None:
            out.append((str(m.get("activity", "")), score))
    return out


def _read_nprs(raw: Any, path: str, r: Instrument, problems: list[Problem]) -> Any:
    return _whole(raw, path, hi=int(r["max"]), problems=problems)


_READERS: Mapping[str, Reader] = {
    "start_back": _read_start_back,
    "rmdq": _read_rmdq,
    "odi": _read_odi,
    "cait": _read_cait,
    "faam": _read_faam,
    "lefs": _read_lefs,
    "koos12": _read_koos12,
    "pgq": _read_pgq,
    "psfs": _read_psfs,
    "nprs": _read_nprs,
}


#: no questionnaire answer is nested deeper than this (PSFS: a list of mappings)
_ANSWER_DEPTH = 4


def _plain(value: Any, depth: int = 0) -> Any:
    """Tuples (as the frozen intake model stores lists) back to lists, recursively, down to
    :data:`_ANSWER_DEPTH` levels; anything deeper is left as it is for the readers to refuse (a
    value nested hundreds deep must not end in a RecursionError)."""
    if depth >= _ANSWER_DEPTH:
        return value
    if isinstance(value, tuple | list):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v, depth + 1) for k, v in value.items()}
    return value


def _answered(questionnaires: Questionnaires | Mapping[str, Any]) -> dict[str, Any]:
    raw = (
        questionnaires.model_dump()
        if isinstance(questionnaires, Questionnaires)
        else dict(questionnaires)
    )
    return {k: _plain(v) for k, v in raw.items() if v is not None}


def check_answers(
    questionnaires: Questionnaires | Mapping[str, Any], /, *, prefix: str = "questionnaires"
) -> list[Problem]:
    """Every problem in the questionnaire answers, each with its path; empty when all is well.

    >>> check_answers({"start_back": [1, 1, 0, 1, 0, 1, 0, 0, 5]})
    [Problem(path='questionnaires.start_back[8]', message='5 is outside 0..4')]
    """
    rules = instrument_rules()
    problems: list[Problem] = []
    for iid, raw in _answered(questionnaires).items():
        if iid not in _READERS:
            problems.append(
                Problem(
                    f"{prefix}.{iid}", f"unknown questionnaire; expected {one_of(_READERS)}"
                )
            )
            continue
        _READERS[iid](raw, f"{prefix}.{iid}", rules[iid], problems)
    return problems


def _read_all(questionnaires: Questionnaires | Mapping[str, Any]) -> dict[str, Any]:
    problems = check_answers(questionnaires)
    if problems:
        raise InstrumentError("; ".join(str(p) for p in problems))
    rules = instrument_rules()
    scratch: list[Problem] = []
    return {
        iid: _READERS[iid](raw, f"questionnaires.{iid}", rules[iid], scratch)
        for iid, raw in _answered(questionnaires).items()
    }


def score_instruments(questionnaires: Questionnaires | Mapping[str, Any], /) -> dict[str, Score]:
    """Score every instrument answered; raise InstrumentError naming every bad answer.

    >>> score_instruments({"start_back": [1, 1, 0, 1, 0, 1, 0, 0, 2]})["start_back"].values
    {'total': 4, 'distress': 1, 'risk': 'medium'}
    """
    from kinchain.assessment.scoring import SCORERS

    rules = instrument_rules()
    return {
        iid: SCORERS[iid](answers, rules[iid]) for iid, answers in _read_all(questionnaires).items()
    }
