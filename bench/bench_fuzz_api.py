"""The long version of tests/web/test_api_fuzz.py: the JSON API fuzzed from its OpenAPI
description with a valid token, many examples per operation, over a fresh SQLite file.

    .venv/bin/python bench/bench_fuzz_api.py --examples 200

Printed: the requests sent, the server errors (5xx) and the refusals without a message (both
must be 0), and the time taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "web"))


def main(argv: list[str] | None = None) -> int:
    from test_api_fuzz import fuzz

    from kinchain.config import Settings
    from kinchain.services.signin import issue_api_token
    from kinchain.store import Database
    from kinchain.store.migrate import upgrade
    from kinchain.web import create_app
    from web_world import SECRET_KEY, _client, _user

    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--examples", type=int, default=200)
    args = options.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{folder}/fuzz.sqlite")
        upgrade(db.engine)
        db.add_practice("North")
        ana = _user(db, "North", "ana@north.example", "coach")
        _client(db, "North", "maria", ana.id)
        app = create_app(Settings(secret_key=SECRET_KEY), db=db)
        token = issue_api_token(app.state.signin, "ana@north.example", name="bench")
        started = time.perf_counter()
        try:
            counts = fuzz(app, token, args.examples)
        except AssertionError as faults:
            print(f"faults: {faults}")
            return 1
        print(f"{counts['requests']} requests in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
