"""Generated intakes and check-ins, shared by the tests and by ``bench/bench_fuzz.py``.

Everything here is seeded (``random.Random(seed)``): the same seed gives the same case, so any
case the long benchmark finds can be rebuilt with ``case(seed)``.

* :func:`largest_intake` is the biggest intake the limits of ``intake/limits.yaml`` allow;
* :func:`case` is one generated input: a valid intake (the examples with every value moved
  within its range), a mutated one (keys dropped or added, values swapped for junk), a hostile
  one (lone surrogates, month 0, values nested hundreds deep, lists past their limits, huge
  numbers and texts), or a check-in of each of those three kinds.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path
from typing import Any

from kinchain.intake._limits import limit
from kinchain.intake.files import read_intake_data

__all__ = ["AS_OF", "Case", "case", "largest_intake", "valid_checkin"]

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
#: the day every generated case is checked against
AS_OF = dt.date(2026, 12, 2)
BASES = tuple(read_intake_data(EXAMPLES / f"{n}.yaml") for n in ("maria", "tom", "ruth"))

_SIDED = ("toes", "foot", "ankle", "knee", "hip", "sacroiliac", "shoulder", "elbow", "wrist")
_MIDLINE = ("pubic_symphysis", "lumbar_spine", "thoracic_spine", "cervical_spine")
_KINDS = ("sprain", "strain", "fracture", "dislocation", "tendinopathy", "surgery", "contusion")
_ACTIVITIES = ("walk", "jog", "run", "hike", "jump", "pivot", "cycle", "swim", "lift", "yoga",
               "dance", "racket", "ski", "row", "climb")
_SHOES = ("athletic", "flat", "heel", "minimalist", "boot", "sandal", "barefoot")
_EXERCISES = ("ankle_weight_shift", "calf_raise_both", "quad_set", "tandem_stance",
              "single_leg_balance_eyes_open")


class Case(dict[str, Any]):
    """One generated input: ``kind`` (``intake`` or ``checkin``), ``flavour`` (``valid``,
    ``mutated``, ``hostile``), ``data`` (the plain data), ``seed``."""


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("abcdefghij klmnop") for _ in range(n)).strip() or "x"


def _site(rng: random.Random) -> dict[str, Any]:
    if rng.random() < 0.75:
        return {"site": rng.choice(_SIDED), "side": rng.choice(("left", "right", "both"))}
    return {"site": rng.choice(_MIDLINE)}


def _date(rng: random.Random, first_year: int = 1995) -> str:
    year = rng.randint(first_year, AS_OF.year - 1)
    form = rng.randrange(3)
    if form == 0:
        return str(year)
    month = rng.randint(1, 12)
    return f"{year}-{month:02d}" if form == 1 else f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _injury(rng: random.Random, born: int = 1940) -> dict[str, Any]:
    kind = rng.choice(_KINDS)
    entry = {**_site(rng), "kind": kind, "date": _date(rng, max(1995, born)),
             "care": rng.choice(("none", "self", "medical", "physio", "rehab_completed")),
             "cause": rng.choice(("acute", "overuse")), "recurrences": rng.randint(0, 4)}
    if kind in ("sprain", "strain") and rng.random() < 0.7:
        entry["grade"] = rng.randint(1, 3)
    return entry


def _pain(rng: random.Random, born: int = 1940) -> dict[str, Any]:
    return {**_site(rng), "intensity": rng.randint(0, 10), "since": _date(rng, max(2020, born)),
            "pattern": rng.choice(("constant", "intermittent", "night")),
            "worse_with": rng.sample(["sitting", "running", "jogging", "carrying", "lifting",
                                      "standing", "stairs"], rng.randint(0, 3))}


def _valid_intake(rng: random.Random) -> dict[str, Any]:
    data = copy.deepcopy(rng.choice(BASES))
    client = data["client"]
    client["birth_year"] = rng.randint(1940, 2010)
    client["mass_kg"] = round(rng.uniform(40, 140), 1)
    client["height_cm"] = round(rng.uniform(140, 205), 1)
    if client["sex"] != "female" and rng.random() < 0.5:
        client.pop("life_stage", None)
    elif client["sex"] == "female":
        status = rng.choice(("none", "pregnant", "postpartum"))
        weeks = None if status == "none" else rng.randint(0, 40 if status == "pregnant" else 100)
        client["life_stage"] = {"status": status, **({"weeks": weeks} if weeks is not None else {})}
    data["daily_minutes"] = rng.randint(1, 60)
    born = client["birth_year"]
    data["injuries"] = [_injury(rng, born) for _ in range(rng.randint(0, 6))]
    data["pain"] = [_pain(rng, born) for _ in range(rng.randint(0, 4))]
    data["activities"] = [{"kind": rng.choice(_ACTIVITIES), "minutes_per_week": rng.randint(0, 600)}
                          for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.3:
        data["screening"] = {}
    return data


# ----------------------------------------------------------------------------- junk and mutation

_NEAR_MISSES = ("", " ", "ankle", "ankel", "left", "both", "2031-05", "2006-13", "2006-02-30",
                "1899", "2019-00", "2019-07-00", "sprain", "yes", "lumbar_spine", "total", "acl",
                "~mapping", "~items", "x" * 300, "Maria \ud800 Example", "\udfff")


def _scalar(rng: random.Random) -> Any:
    pick = rng.randrange(10)
    if pick == 0:
        return None
    if pick == 1:
        return rng.random() < 0.5
    if pick == 2:
        return rng.randint(-50, 3000)
    if pick == 3:
        return rng.choice((10**30, -(10**20), 2**63))
    if pick == 4:
        return rng.choice((float("nan"), float("inf"), -0.0, 1e308, rng.uniform(-1e3, 1e3)))
    if pick == 5:
        return _text(rng, rng.randint(0, 12))
    if pick == 6:
        return dt.date(rng.randint(1800, 2100), rng.randint(1, 12), rng.randint(1, 28))
    return rng.choice(_NEAR_MISSES)


def _junk(rng: random.Random, depth: int = 0) -> Any:
    if depth > 2 or rng.random() < 0.6:
        return _scalar(rng)
    if rng.random() < 0.5:
        return [_junk(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {_key(rng): _junk(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def _key(rng: random.Random) -> str:
    return rng.choice(("site", "side", "kind", "yes", "date", "total", "~mapping", "~items",
                       _text(rng, rng.randint(1, 8))))


def _containers(node: Any) -> list[Any]:
    found = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            found.append(item)
            stack.extend(item)
    return found


def _mutate(rng: random.Random, data: Any, times: int) -> Any:
    for _ in range(times):
        target = rng.choice(_containers(data)) if _containers(data) else None
        op = rng.choice(("drop", "replace", "add"))
        if isinstance(target, dict):
            keys = list(target)
            if op == "drop" and keys:
                del target[rng.choice(keys)]
            elif op == "replace" and keys:
                target[rng.choice(keys)] = _junk(rng)
            else:
                target[_key(rng)] = _junk(rng)
        elif isinstance(target, list):
            if op == "drop" and target:
                target.pop(rng.randrange(len(target)))
            elif op == "replace" and target:
                target[rng.randrange(len(target))] = _junk(rng)
            else:
                target.append(_junk(rng))
    return data


def _nested(depth: int, leaf: Any, as_list: bool) -> Any:
    for _ in range(depth):
        leaf = [leaf] if as_list else {"a": leaf}
    return leaf


def _hostile(rng: random.Random, data: dict[str, Any]) -> dict[str, Any]:
    """One of the inputs that once crashed kinchain or made it work for minutes."""
    pick = rng.randrange(9)
    if pick == 0:
        data["client"]["name"] = f"Maria {chr(rng.randint(0xD800, 0xDFFF))} Example"
    elif pick == 1:
        target = rng.choice(data.get("injuries") or data.get("pain") or [{}])
        key = "date" if "date" in target else "since"
        target[key] = rng.choice(("2019-00", "2019-07-00", "2019-02-30", "2019-13", "0000"))
    elif pick == 2:
        data[rng.choice(("questionnaires", "habits", "screening", "goals"))] = _nested(
            rng.randint(100, 900), 1, rng.random() < 0.5)
    elif pick == 3:
        name = rng.choice(("injuries", "pain", "footwear", "activities", "goals"))
        entry = {"injuries": _injury, "pain": _pain}.get(name, lambda r: _text(r, 5))(rng)
        data[name] = [entry] * (limit(name) + rng.randint(1, 2000))
    elif pick == 4:
        data["client"]["mass_kg"] = rng.choice((10**400, float("nan"), -1e308, True))
    elif pick == 5:
        data["goals"] = ["x" * rng.randint(200, 100_000)]
    elif pick == 6:
        data["screening"] = {f"q{i}": True for i in range(rng.randint(1, 5000))}
    elif pick == 7:
        data["activities"] = [{"kind": "jogg", "minutes_per_week": "x"}] * rng.randint(1, 3000)
    else:
        data["injuries"] = [dict(_injury(rng), site="knee", side="right", kind="sprain")
                            for _ in range(limit("injuries"))]
    return data


# ------------------------------------------------------------------------------------ check-ins


def valid_checkin(rng: random.Random) -> dict[str, Any]:
    """A check-in a client could send: a date before :data:`AS_OF`, effort, pains, items done."""
    return {"date": (AS_OF - dt.timedelta(days=rng.randint(0, 30))).isoformat(),
            "effort": rng.choice(("easy", "ok", "hard")),
            "pain": [{**_site(rng), "intensity": rng.randint(0, 10)}
                     for _ in range(rng.randint(0, 3))],
            "done": rng.sample(list(_EXERCISES), rng.randint(0, 3)),
            **({"notes": _text(rng, 30)} if rng.random() < 0.3 else {})}


def _hostile_checkin(rng: random.Random, data: dict[str, Any]) -> dict[str, Any]:
    pick = rng.randrange(5)
    if pick == 0:
        data["instruments"] = _nested(rng.randint(100, 900), 1, rng.random() < 0.5)
    elif pick == 1:
        data["notes"] = f"ok {chr(rng.randint(0xD800, 0xDFFF))}"
    elif pick == 2:
        data["date"] = rng.choice((0, True, "2019-00-10", "2031-01-01", "x" * 100_000))
    elif pick == 3:
        data["done"] = ["dead_bugg"] * rng.randint(1, 5000)
    else:
        data["pain"] = [{"site": "ankel", "intensity": "5"}] * rng.randint(1, 3000)
    return data


# ------------------------------------------------------------------------------------- one case


def case(seed: int, /) -> Case:
    """The generated input of ``seed``: about 70% intakes, 30% check-ins; of each, a third
    valid, mutated and hostile.

    >>> case(7) == case(7), case(7)["kind"] in ("intake", "checkin")
    (True, True)
    """
    rng = random.Random(seed)
    kind = "intake" if rng.random() < 0.7 else "checkin"
    flavour = rng.choice(("valid", "mutated", "hostile"))
    data: Any = _valid_intake(rng) if kind == "intake" else valid_checkin(rng)
    if flavour == "mutated":
        data = _mutate(rng, data, rng.randint(1, 3))
        if rng.random() < 0.03:
            data = _junk(rng)
    elif flavour == "hostile":
        data = _hostile(rng, data) if kind == "intake" else _hostile_checkin(rng, data)
    return Case(kind=kind, flavour=flavour, data=data, seed=seed)


# ------------------------------------------------------------------------- the largest allowed


def largest_intake(*, one_joint: bool = True) -> dict[str, Any]:
    """The biggest intake the limits allow: every list at its limit, every text at its longest,
    every questionnaire answered. ``one_joint`` puts every injury at the right knee (the case
    whose explanations repeat the most), else they are spread over the body."""
    rng = random.Random(0)
    long_text, long_notes = "a" * limit("text_chars"), "n" * limit("notes_chars")
    data = copy.deepcopy(BASES[1])
    data["client"]["name"] = long_text
    data["goals"] = [f"{i} {long_text}"[: limit("text_chars")] for i in range(limit("goals"))]
    injuries = []
    for i in range(limit("injuries")):
        entry = _injury(rng)
        if one_joint:
            entry.update(site="knee", side="right", kind="sprain", grade=1 + i % 3)
        injuries.append({**entry, "notes": long_notes})
    data["injuries"] = injuries
    words = [f"{i} {long_text}"[: limit("text_chars")] for i in range(limit("pain_words"))]
    data["pain"] = [dict(_pain(rng), worse_with=words, better_with=words)
                    for _ in range(limit("pain"))]
    data["footwear"] = [{"name": f"{i} {long_text}"[: limit("text_chars")],
                         "kind": _SHOES[i % len(_SHOES)], "heel_height_mm": i % 80,
                         "hours_per_day": 0.5} for i in range(limit("footwear"))]
    data["activities"] = [{"kind": _ACTIVITIES[i % len(_ACTIVITIES)], "minutes_per_week": 60,
                           "surface": long_text, "sport": long_text}
                          for i in range(limit("activities"))]
    data["habits"]["gait_notes"] = long_notes
    data["questionnaires"] = {
        "start_back": [1] * 8 + [4], "rmdq": [1] * 24, "odi": [3] * 10, "cait": {"total": 12},
        "faam": {"adl": [2] * 21, "sports": [2] * 8}, "lefs": [2] * 20, "koos12": [2] * 12,
        "pgq": {"activity": [1] * 20, "symptom": [1] * 5},
        "psfs": [{"activity": long_text, "score": 4}] * 5, "nprs": 6,
    }
    return data
