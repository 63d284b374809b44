"""Practices to back up: records in every table, made through the use cases and repositories
(and, for the three tables no repository writes yet, as rows), and ways to read them back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kinchain.intake.files import read_intake_data
from kinchain.records import Consent, canonical_json
from kinchain.services import records
from kinchain.store import Database
from kinchain.store import tables as t
from kinchain.store.archive import BackupKey, SealedWriter, open_sealed
from kinchain.store.backup import TABLES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KEY = BackupKey(bytes(range(32)))
OTHER_KEY = BackupKey(bytes(range(1, 33)))


def intake(name: str) -> dict:
    return read_intake_data(EXAMPLES / f"{name}.yaml")


def checkin(day: dt.date, pain: int = 3) -> dict:
    return {
        "date": day.isoformat(),
        "effort": "ok",
        "pain": [{"site": "sacroiliac", "side": "left", "intensity": pain}],
    }


def uow(db: Database, practice: str = "North"):
    return db.unit_of_work(practice, actor="cli:test")


def fill(db: Database, clock) -> dict[str, list[str]]:
    """Two practices: North with Maria, Tom and Ruth (check-ins, an edit, a coach, consent,
    ticks, a draft, a proposal and its decision, an erasure), South with Maria's twin.
    The client ids of each practice."""
    db.add_practice("North", coaches_see_all=True)
    db.add_practice("South", country="IE")
    with uow(db) as u:
        coach = u.users.add("coach@north.example", "coach", "hash:1").id
        u.commit()
    north = [
        records.import_client(uow(db), intake(name), source=f"{name}.yaml", coaches=[coach])
        for name in ("maria", "tom", "ruth")
    ]
    south = records.import_client(uow(db, "South"), intake("maria"), source="twin.yaml")
    maria = north[0].client.id
    routine = records.client_record(uow(db), maria)["program"]["routine"]
    records.add_edit(
        uow(db),
        maria,
        {"kind": "remove", "exercise": routine[-1]["exercise"], "why": "no step at home"},
    )
    for pain in (6, 4):
        clock.advance(days=7, hours=1, microseconds=250)
        records.add_checkin(uow(db), maria, checkin(clock.now.date(), pain), key=f"k{pain}")
    _fill_the_rest(db, maria, routine[0]["exercise"], clock.now)
    return {"North": [i.client.id for i in north], "South": [south.client.id]}


def _fill_the_rest(db: Database, maria: str, exercise: str, now: dt.datetime) -> None:
    with uow(db) as u:
        u.users.add("maria@client.example", "client", "hash:2", client_id=maria)
        u.consents.add(Consent(maria, "health_data", True, now, "signed form", "coach"))
        u.consents.add(
            Consent(
                maria,
                "share_with_clinician",
                False,
                now,
                "web",
                "coach",
                clinician="Dr Okafor",
                guardian=None,
            )
        )
        u.ticks.add(maria, now.date(), exercise)
        u.drafts.save("us_author", maria, {"client": {"name": "Maria draft"}, "é": "ü"})
        u.commit()
    practice = db.practice("North").id
    snapshot = records.client_record(uow(db), maria)["shown"][-1]["snapshot"]
    with Session(db.engine) as s, s.begin():
        s.add(
            t.ProposalRow(
                id="pp_1",
                practice_id=practice,
                client_id=maria,
                because="knowledge",
                snapshot=snapshot,
                summary="new evidence",
                created_at=now,
            )
        )
        s.flush()
        s.add(
            t.ProposalDecisionRow(
                proposal_id="pp_1",
                practice_id=practice,
                client_id=maria,
                accepted=False,
                decided_by="coach",
                decided_at=now,
            )
        )
        user_id = s.scalar(select(t.UserRow.id).where(t.UserRow.email == "maria@client.example"))
        assert user_id is not None
        s.add(t.ApiTokenRow(digest="d" * 64, user_id=user_id, practice_id=practice,
                            name="clinic sync", created_at=now))
        s.add(t.LinkTokenRow(digest="e" * 64, purpose="invitation", practice_id=practice,
                             email="new@north.example", role="coach", client_id=None,
                             created_by="admin", created_at=now,
                             expires_at=now + dt.timedelta(days=7)))
        s.add(t.SecondFactorRow(user_id=user_id, secret="encrypted", confirmed_at=now,
                                last_step=0))
        s.add(t.OutboxRow(id="ob_1", practice_id=practice, recipient="ana@north.example",
                          subject="An invitation", body="", created_at=now, attempts=1,
                          last_error=None, sent_at=now))
        s.add(t.SmtpRow(practice_id=practice, host="smtp.north.example", port=587,
                        starttls=True, username="north", password_sealed="sealed",
                        sender="coach@north.example", base_url="https://north.example"))
        s.add(t.ReminderPlanRow(client_id=maria, practice_id=practice,
                                email="maria@client.example", local_time="08:00",
                                evening_time="19:30", zone="Europe/London", active=True,
                                calendar_digest="f" * 64, calendar_nonce="n" * 16,
                                updated_at=now))
        s.add(t.ReminderSendRow(id="rs_1", practice_id=practice, client_id=maria,
                                day=now.date(), kind="daily", status="sent", detail="",
                                claimed_at=now, done_at=now, holder="server-1"))
        s.add(t.MessageRow(id="ms_1", practice_id=practice, client_id=maria,
                           author_id="us_author", author_role="coach",
                           body="How did the week go?", at=now))
        s.add(
            t.ErasureRow(
                id="er_1",
                practice_id=practice,
                client_id="cl_gone",
                requested_at=now,
                confirmed_by="admin",
            )
        )


def shown_records(db: Database, clients: dict[str, list[str]]) -> dict[str, str]:
    """Each client's record as `client show --json` prints it: canonical JSON."""
    return {
        client: canonical_json(records.client_record(uow(db, practice), client))
        for practice, ids in clients.items()
        for client in ids
    }


def every_row(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, by primary key, as Python values."""
    with engine.connect() as c:
        return {
            table.name: [
                tuple(r) for r in c.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in TABLES
        }


def counts(engine: Engine) -> dict[str, int]:
    return {name: len(rows) for name, rows in every_row(engine).items()}


def reseal(
    path: Path, out: Path, edit: Callable[[list[bytes]], list[bytes]], *, checksum: bool = True
) -> Path:
    """The archive's lines changed by ``edit`` and sealed again with the right key, as someone
    holding the key could; with ``checksum`` the trailer's checksum is made to fit."""
    with path.open("rb") as stream:
        plain = b"".join(open_sealed(stream, KEY, name=str(path)))
    lines = edit(plain.splitlines(keepends=True))
    if checksum:
        trailer = json.loads(lines[-1])
        trailer["sha256"] = hashlib.sha256(b"".join(lines[:-1])).hexdigest()
        lines[-1] = canonical_json(trailer).encode() + b"\n"
    with out.open("wb") as stream:
        sealed = SealedWriter(stream, KEY)
        for line in lines:
            sealed.write(line)
        sealed.close()
    return out
