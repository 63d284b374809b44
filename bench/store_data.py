"""A practice's records generated in bulk for ``bench_store.py``: rows made directly, not by
running the pipeline once per record.

The documents are real: three example intakes (``examples/``: Maria, Tom, and Ruth whose red
flags suspend her program) varied by name and birth year, each one validated; check-ins in the
format ``parse_checkin`` reads (effort, pain at the intake's own sites trending down, the
program's exercises done, now and then a flare or a note), a sample of them parsed; coach edits
made by :class:`kinchain.program.edits.Edit`; programs shown that are real programs of the base
intakes at several stages of their check-ins (the program's ``as_of`` is the client's start),
stored once per content like the store does.

Per client on average: 1.3 intake versions, 0.5 coach edits, 100 check-ins, 300 routine ticks
(the 10 % of clients whose program is suspended have neither), about 12 programs shown (the
first intake, a second one, each edit, and every tenth check-in, approved by the coach), one
consent and one audit entry per stored change.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinchain.intake.files import read_intake_data
from kinchain.program import parse_checkin
from kinchain.program.edits import parse_edit
from kinchain.records import canonical_json, content_hash
from kinchain.services.evaluate import evaluate
from kinchain.services.intake import validate_intake
from kinchain.services.versions import KINCHAIN_VERSION, knowledge_hash

ROOT = Path(__file__).resolve().parents[1]
Row = tuple[Any, ...]

#: the columns each bulk-loaded table gets, in the order the rows give them
COLUMNS: dict[str, tuple[str, ...]] = {
    "practice": ("id", "name", "country", "coaches_see_all", "retention_years", "created_at"),
    "user_account": ("id", "practice_id", "email", "role", "client_id", "password_hash",
                     "created_at"),
    "client": ("id", "practice_id", "name", "created_at", "erased_at"),
    "client_coach": ("client_id", "user_id", "practice_id"),
    "intake_version": ("id", "practice_id", "client_id", "version", "document",
                       "format_version", "saved_by", "saved_at", "reason"),
    "checkin": ("id", "practice_id", "client_id", "date", "document", "format_version",
                "content_hash", "idempotency_key", "worst_pain", "recorded_by", "recorded_at"),
    "program_edit": ("id", "practice_id", "client_id", "document", "format_version",
                     "recorded_by", "recorded_at"),
    "routine_tick": ("id", "practice_id", "client_id", "day", "exercise_id", "recorded_at"),
    "program_snapshot": ("practice_id", "hash", "document", "kinchain_version",
                         "knowledge_hash"),
    "program_shown": ("id", "practice_id", "client_id", "snapshot", "shown_at", "because"),
    "consent": ("id", "practice_id", "client_id", "topic", "granted", "at", "how",
                "recorded_by", "clinician", "guardian"),
    "audit_event": ("id", "practice_id", "at", "user_id", "client_id", "action", "origin",
                    "detail"),
}  # fmt: skip

FIRST = ("Maria", "Tom", "Ruth", "Ana", "Ben", "Chloe", "Dev", "Esther", "Femi",
         "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lars", "Mei", "Nadia", "Omar",
         "Priya", "Quinn")  # fmt: skip
LAST = ("Example", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Byrne",
        "Haddad", "Kowalski", "Mensah", "Rossi", "Schmidt", "Walsh", "Yilmaz", "Zhou")  # fmt: skip
NOTES = ("", "", "", "Busy week at work.", "Walked more than usual.", "Slept badly twice.",
         "Felt stronger on the stairs.", "Missed two days travelling.")  # fmt: skip
STAGES = 11  # programs per base intake: at the start and after every tenth check-in
CHECKINS_PER_STAGE = 10


@dataclass
class Base:
    """One example intake and what the generator derives from it once."""

    name: str
    document: dict[str, Any]
    exercises: list[str]
    pains: list[tuple[str, str | None, int]]  # site, side, intensity at intake
    stages: list[str] = field(default_factory=list)  # canonical program JSON at each stage
    flare: tuple[str, ...] = ()

    @property
    def suspended(self) -> bool:
        return not self.exercises


def _checkin_doc(base: Base, rng: random.Random, day: dt.date, progress: float) -> dict[str, Any]:
    """A check-in as a client sends it: pain at her sites easing as the weeks go by."""
    pain = []
    for site, side, start in base.pains:
        level = round(start * (1 - 0.5 * progress)) + rng.randint(-1, 2)
        pain.append({"site": site, **({"side": side} if side else {}),
                     "intensity": max(0, min(10, level))})  # fmt: skip
    done = rng.sample(base.exercises, k=max(1, len(base.exercises) - rng.randint(0, 3)))
    doc: dict[str, Any] = {
        "date": day.isoformat(),
        "effort": rng.choice(("easy", "easy", "ok", "ok", "hard")),
        "pain": pain,
        "done": done,
    }
    if base.flare and rng.random() < 0.05:
        doc["flare_with"] = list(base.flare)
    note = rng.choice(NOTES)
    if note:
        doc["notes"] = note
    return doc


def load_bases(start: dt.date) -> list[Base]:
    """The example intakes, each with its program at every stage of a run of check-ins."""
    rng = random.Random(7)
    bases = []
    for name, flare in (("maria", ("carrying",)), ("tom", ("running",)), ("ruth", ())):
        document = read_intake_data(ROOT / "examples" / f"{name}.yaml")
        intake = validate_intake(document, source=name, as_of=start)
        first = evaluate(intake, as_of=start, country="UK").program
        exercises = [] if first is None else [i.exercise.id for i in first.routine]
        pains = [(p["site"], p.get("side"), int(p["intensity"])) for p in document["pain"]]
        base = Base(name, document, exercises, pains, flare=flare)
        if not base.suspended:
            base.stages.append(canonical_json(first.to_json()))  # type: ignore[union-attr]
            checkins = []
            for k in range((STAGES - 1) * CHECKINS_PER_STAGE):
                day = start + dt.timedelta(days=3 * k + 1)
                doc = _checkin_doc(base, rng, day, k / 100)
                checkins.append(parse_checkin(doc, source="stage", today=day))
                if k % CHECKINS_PER_STAGE == CHECKINS_PER_STAGE - 1:
                    evaluation = evaluate(intake, as_of=start, country="UK", checkins=checkins)
                    assert evaluation.program is not None
                    base.stages.append(canonical_json(evaluation.program.to_json()))
        bases.append(base)
    return bases


class Ids:
    """Record ids in the store's shape (prefix, creation time in ms, then 10 hex digits), unique
    by a counter instead of random bits so a run is repeatable."""

    def __init__(self) -> None:
        self._n = 0

    def __call__(self, prefix: str, at: Moment) -> str:
        self._n += 1
        return f"{prefix}_{at.ms:012x}_{self._n:010x}"


@dataclass
class Practice:
    """What the generator needs to know of the practice it fills."""

    id: str
    coaches: list[str]
    today: dt.date
    checkins_per_client: int = 100
    ticks_per_client: int = 300
    snapshots: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Moment:
    """A moment in UTC as both databases store it (SQLAlchemy's SQLite text; PostgreSQL reads
    the same text), with its milliseconds for the record id."""

    text: str
    ms: int


_EPOCH = dt.date(1970, 1, 1).toordinal()


def moment(day: dt.date, minute: int) -> Moment:
    """``minute`` minutes after midnight (UTC) on ``day``."""
    text = f"{day.isoformat()} {minute // 60:02d}:{minute % 60:02d}:00.000000"
    return Moment(text, ((day.toordinal() - _EPOCH) * 1440 + minute) * 60_000)


def moment_of(when: dt.datetime) -> Moment:
    """An aware datetime as a :class:`Moment` (to the minute)."""
    when = when.astimezone(dt.UTC)
    return moment(when.date(), when.hour * 60 + when.minute)


def _at(day: dt.date, rng: random.Random) -> Moment:
    return moment(day, 480 + int(rng.random() * 600))  # during the working day


class Templates:
    """Check-in documents of one base intake, made and parsed once: per tenth of the way
    through a client's check-ins, a few dozen documents as canonical JSON without their date
    (which sorts first), and each one's worst pain. A check-in row is a template and a day."""

    PER_STEP = 40

    def __init__(self, base: Base, rng: random.Random) -> None:
        self.steps: list[list[tuple[str, int]]] = []
        day = dt.date(2026, 1, 5)
        for step in range(10):
            found = []
            for _ in range(self.PER_STEP):
                doc = _checkin_doc(base, rng, day, step / 10)
                parse_checkin(doc, source=f"generated check-in of {base.name}", today=day)
                text = canonical_json(doc)
                head = f'{{"date":"{day.isoformat()}",'
                assert text.startswith(head)
                found.append((text[len(head) :], max(p["intensity"] for p in doc["pain"])))
            self.steps.append(found)

    def pick(self, rng: random.Random, day: dt.date, progress: float) -> tuple[str, int]:
        rest, worst = rng.choice(self.steps[min(9, int(progress * 10))])
        return f'{{"date":"{day.isoformat()}",{rest}', worst


class Generator:
    """Rows for ``n`` clients, in chunks (a dict of table -> rows of plain text and numbers),
    from a seeded random source: the same arguments give the same rows."""

    def __init__(self, practice: Practice, bases: list[Base], *, ids: Ids, seed: int = 12) -> None:
        self.p = practice
        self.bases = bases
        self.rng = random.Random(seed)
        self.ids = ids
        self.counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)
        self.rows: dict[str, list[Row]] = {}
        self.base_of: dict[str, Base] = {}  # client id -> the intake she was made from
        self.templates = {b.name: Templates(b, self.rng) for b in bases if not b.suspended}
        self.knowledge = knowledge_hash()

    def chunks(self, n: int) -> Iterator[dict[str, list[Row]]]:
        # the 10 % of clients whose program is suspended check in not at all: the others
        # make up for them, so the practice holds n x 100 check-ins and n x 300 ticks
        share = 1 / 0.9
        size = max(1, min(250, n // 10))
        for first in range(0, n, size):
            self.rows = {table: [] for table in COLUMNS}
            for _ in range(first, min(n, first + size)):
                self._client(share)
            for table, rows in self.rows.items():
                self.counts[table] += len(rows)
            yield self.rows

    def _add(self, table: str, *row: Any) -> None:
        self.rows[table].append(row)

    def _client(self, share: float) -> None:
        rng, p = self.rng, self.p
        base = rng.choices(self.bases, weights=(45, 45, 10))[0]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        start = p.today - dt.timedelta(days=rng.randint(300, 395))
        created = _at(start, rng)
        client_id = self.ids("cl", created)
        coach = rng.choice(p.coaches)
        self.base_of[client_id] = base
        self._add("client", client_id, p.id, name, created.text, None)
        self._add("client_coach", client_id, coach, p.id)
        if rng.random() < 0.1:
            other = rng.choice([c for c in p.coaches if c != coach] or [coach])
            if other != coach:
                self._add("client_coach", client_id, other, p.id)
        self._add("consent", self.ids("co", created), p.id, client_id, "health_data", 1,
                  created.text, "signed form", coach, None, None)  # fmt: skip
        document = {**base.document, "client": {**base.document["client"], "name": name}}
        document["client"]["birth_year"] += rng.randint(-6, 6)
        self._intake(client_id, coach, document, 1, created, base, start, None)
        starts = start
        if rng.random() < 0.3:
            later = start + dt.timedelta(days=rng.randint(60, 200))
            document = {**document, "daily_minutes": document["daily_minutes"] + 5}
            self._intake(client_id, coach, document, 2, _at(later, rng), base, later,
                         "more time on weekdays")  # fmt: skip
            starts = later
        if base.suspended:
            return
        self._edits(client_id, coach, base, start)
        checkins = round(p.checkins_per_client * share * rng.uniform(0.7, 1.3))
        self._checkins(client_id, coach, base, start, starts, checkins)
        self._ticks(client_id, base, start, round(p.ticks_per_client * share))

    def _intake(self, client_id: str, coach: str, document: dict[str, Any], version: int,
                at: Moment, base: Base, start: dt.date, reason: str | None) -> None:  # fmt: skip
        validate_intake(document, source=f"{client_id} v{version}", as_of=start)
        self._add("intake_version", self.ids("in", at), self.p.id, client_id, version,
                  canonical_json(document), 1, coach, at.text, reason)  # fmt: skip
        self._audit(at, coach, client_id, "client.import" if version == 1 else "intake.save")
        if not base.suspended:
            self._shown(client_id, base, 0, at, "intake")

    base_start = dt.date(2025, 11, 5)  # the day the base intakes' stage programs start

    def _shown(self, client_id: str, base: Base, stage: int, at: Moment, because: str) -> None:
        # the stage's program as of this event's day (a program's as_of is its last check-in)
        stage_doc = base.stages[min(stage, len(base.stages) - 1)]
        text = re.sub(r'"as_of":"[0-9-]{10}"', f'"as_of":"{at.text[:10]}"', stage_doc, count=1)
        digest = content_hash(canonical_json([text, KINCHAIN_VERSION, self.knowledge]))
        if digest not in self.p.snapshots:
            self.p.snapshots.add(digest)
            self._add("program_snapshot", self.p.id, digest, text, KINCHAIN_VERSION,
                      self.knowledge)  # fmt: skip
        self._add("program_shown", self.ids("sh", at), self.p.id, client_id, digest, at.text,
                  because)  # fmt: skip

    def _audit(self, at: Moment, user: str, client_id: str, action: str,
               detail: str = "") -> None:  # fmt: skip
        self._add("audit_event", self.ids("au", at), self.p.id, at.text, user, client_id,
                  action, "web", detail)  # fmt: skip

    def _edits(self, client_id: str, coach: str, base: Base, start: dt.date) -> None:
        rng = self.rng
        count = rng.choices((0, 1, 2), weights=(55, 40, 5))[0]
        for n in range(count):
            day = start + dt.timedelta(days=rng.randint(1, 250))
            at = _at(day, rng)
            kind = rng.choice(("remove", "dose", "reorder"))
            # the last two items may be removed; the others are moved or dosed, so no edit
            # names an exercise an earlier one removed
            kept = base.exercises[:-2]
            exercise = base.exercises[-1 - n] if kind == "remove" else rng.choice(kept)
            edit = parse_edit({
                "kind": kind, "exercise": exercise, "who": coach, "when": day.isoformat(),
                "why": "she has no step at home" if kind == "remove" else "fits her mornings",
                "minutes": 2.0 if kind == "dose" else None,
                "position": 0 if kind == "reorder" else None,
            })  # fmt: skip
            edit_id = self.ids("ed", at)
            self._add("program_edit", edit_id, self.p.id, client_id,
                      canonical_json(edit.to_json()), 1, coach, at.text)  # fmt: skip
            self._audit(at, coach, client_id, "program.edit", edit.label())
            self._shown(client_id, base, 1 + n, at, "edit")

    def _checkins(self, client_id: str, coach: str, base: Base, start: dt.date,
                  program_start: dt.date, count: int) -> None:  # fmt: skip
        rng, p, templates = self.rng, self.p, self.templates[base.name]
        first, last = start + dt.timedelta(days=1), p.today - dt.timedelta(days=1)
        span = (last - first).days
        add, audit, ids = self.rows["checkin"].append, self.rows["audit_event"].append, self.ids
        for k in range(count):
            day = first + dt.timedelta(days=k * span // count)
            at = _at(day, rng)
            text, worst = templates.pick(rng, day, k / count)
            checkin_id = ids("ck", at)
            key = f"web-{checkin_id}" if rng.random() < 0.5 else None
            add((checkin_id, p.id, client_id, day.isoformat(), text, 2, content_hash(text), key,
                 worst, coach, at.text))  # fmt: skip
            audit((ids("au", at), p.id, at.text, coach, client_id, "checkin.add", "web",
                   checkin_id))  # fmt: skip
            if k % CHECKINS_PER_STAGE == CHECKINS_PER_STAGE - 1 and day >= program_start:
                self._shown(client_id, base, 1 + k // CHECKINS_PER_STAGE, at, "checkin")

    def _ticks(self, client_id: str, base: Base, start: dt.date, count: int) -> None:
        rng, ids, add = self.rng, self.ids, self.rows["routine_tick"].append
        span = (self.p.today - start).days
        per_day = 3
        for offset in sorted(rng.sample(range(1, span), k=min(span - 1, count // per_day))):
            day = start + dt.timedelta(days=offset)
            iso = day.isoformat()
            for exercise in rng.sample(base.exercises, k=per_day):
                at = moment(day, 420 + int(rng.random() * 900))
                add((ids("tk", at), self.p.id, client_id, iso, exercise, at.text))
