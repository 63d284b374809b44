"""The JSON API fuzzed from its own OpenAPI description (schemathesis) with a valid token:
no server error (5xx), and every refusal (4xx) says what was wrong. A short, seeded run; the
long one is bench/bench_fuzz_api.py."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, seed, settings

from kinchain.services.signin import issue_api_token
from web_world import SECRET_KEY

EXAMPLES_PER_OPERATION = 8


def fuzz(app, token: str, examples: int) -> dict[str, int]:
    """Every operation of the API, ``examples`` generated requests each; the counts seen."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    counts = {"requests": 0, "5xx": 0, "4xx without a message": 0}
    faults: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @seed(4711)
        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def one(case) -> None:
            answer = case.call(headers={"Authorization": f"Bearer {token}"})
            counts["requests"] += 1
            where = f"{case.method} {case.formatted_path}: {answer.status_code}"
            if answer.status_code >= 500:
                counts["5xx"] += 1
                faults.append(f"{where} {answer.text[:200]}")
            elif answer.status_code >= 400:
                problems = answer.json().get("problems") if answer.text else None
                if not problems or not all(isinstance(p, str) and p for p in problems):
                    counts["4xx without a message"] += 1
                    faults.append(f"{where} {answer.text[:200]}")

        one()
    print(f"API fuzz: {counts}")
    assert not faults, faults[:5]
    return counts


def test_the_json_api_fuzzed_from_its_schema_answers_no_server_error_and_explains_refusals(
    db, world
):
    from kinchain.config import Settings
    from kinchain.web import create_app

    app = create_app(Settings(secret_key=SECRET_KEY), db=db)
    token = issue_api_token(app.state.signin, "ana@north.example", name="fuzz")
    counts = fuzz(app, token, EXAMPLES_PER_OPERATION)
    assert counts["requests"] >= 10 * EXAMPLES_PER_OPERATION


def test_a_client_list_asked_for_an_offset_past_any_database_integer_is_refused_by_name(
    db, world
):
    """The long fuzz (bench/bench_fuzz_api.py) found this: an offset beyond SQLite's 64-bit
    integer reached the database and answered a server error."""
    from starlette.testclient import TestClient

    from kinchain.config import Settings
    from kinchain.web import create_app

    app = create_app(Settings(secret_key=SECRET_KEY), db=db)
    token = issue_api_token(app.state.signin, "ana@north.example", name="fuzz")
    answer = TestClient(app).get("/api/v1/clients", params={"offset": 2**70},
                                 headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422
    assert any("offset" in problem for problem in answer.json()["problems"]), answer.text
