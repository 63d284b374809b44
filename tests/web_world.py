"""Two practices, their coaches, an unassigned coach, an admin and a client user, and the web
app over them (the database fixtures are the storage tests')."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kinchain.config import Settings
from kinchain.intake.files import read_intake_data
from kinchain.services import people, records
from kinchain.web import create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PASSWORD = "correct horse battery staple kinchain-test"


@dataclass(frozen=True)
class World:
    maria: str  # North's client, assigned to ana
    tom: str  # North's client, assigned to bea
    sofia: str  # South's client, assigned to cai


def _user(db, practice, email, role, client_id=None):
    uow = db.unit_of_work(practice, actor="setup")
    return people.add_user(uow, email, role, PASSWORD, client_id=client_id)


def _client(db, practice, name, coach_id):
    data = read_intake_data(EXAMPLES / f"{name}.yaml")
    done = records.import_client(db.unit_of_work(practice, actor="setup"), data,
                                 source=f"{name}.yaml", coaches=(coach_id,))
    return done.client.id


@pytest.fixture
def world(db) -> World:
    db.add_practice("North")
    db.add_practice("South")
    ana = _user(db, "North", "ana@north.example", "coach")
    bea = _user(db, "North", "bea@north.example", "coach")
    _user(db, "North", "una@north.example", "coach")  # assigned to nobody
    _user(db, "North", "adam@north.example", "admin")
    cai = _user(db, "South", "cai@south.example", "coach")
    maria = _client(db, "North", "maria", ana.id)
    tom = _client(db, "North", "tom", bea.id)
    sofia = _client(db, "South", "ruth", cai.id)
    _user(db, "North", "maria@client.example", "client", client_id=maria)
    return World(maria, tom, sofia)


#: the key that seals second-factor secrets in tests (never the user data folder's key file)
SECRET_KEY = "kGmkUzZ0mF5cTtL5nIPBvXhC6Yb4yQe0h3s3HqfP2yA="


@pytest.fixture
def app(db):
    return create_app(Settings(secret_key=SECRET_KEY), db=db)


def signed_in(app, email: str) -> TestClient:
    client = TestClient(app)
    answer = client.post("/login", data={"email": email, "password": PASSWORD},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return client


def csrf_of(client: TestClient) -> str:
    page = client.get("/dashboard").text
    return page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
