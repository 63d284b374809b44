"""Benchmark: generated intakes and check-ins through every step, counting every exception that
is not kinchain's own.

Run by hand (not a timed test; CI runs a short version through tests/unit/test_bench_smoke.py)::

    nice -n 10 .venv/bin/python bench/bench_fuzz.py --jobs 1   # 100,000 cases, 2,000 HTML, 100 PDF
    .venv/bin/python bench/bench_fuzz.py --cases 300 --html 20 --pdf 2  # the CI smoke run
    .venv/bin/python bench/bench_fuzz.py --replay 4711      # one case, with its traceback

Every case comes from ``tests/intake_cases.py`` (seeded: case ``n`` is ``case(seed + n)``):
valid intakes (the examples with every value moved within its range), mutated ones, hostile ones
(lone surrogates, month 0, values nested hundreds deep, lists past their limits), and check-ins of
the same three kinds. An intake is written as a file (every third as YAML, the others as JSON)
and sent through validation, the assessment and the program (the services the CLI calls, their
JSON encoded to UTF-8 as the CLI prints it); the first ``--html`` accepted intakes also through
the HTML report and the first ``--pdf`` of them through the PDF. A check-in is written as a
file, read, checked and applied to a program. A refusal (any
:class:`kinchain.errors.KinchainError`) is the expected outcome of a bad case; any other
exception is a fault, printed once per kind with the seed that reproduces it.

Printed: cases per second, the outcome counts, the slowest case of each step (target: under 5 s
for validation + assessment + program) and every distinct unexpected exception.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from intake_cases import AS_OF, BASES, case  # noqa: E402
from kinchain.errors import KinchainError  # noqa: E402

#: the slowest case of validation + assessment + program should stay under this
TARGET_S = 5.0


@dataclass
class Outcome:
    """What one case did: its outcome, each step's time, and any unexpected exception."""

    seed: int
    kind: str
    flavour: str
    result: str = "accepted"  # accepted | refused | fault
    times: dict[str, float] = field(default_factory=dict)
    fault: tuple[str, str, str] | None = None  # (type, message, where)


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "kinchain" in f.filename] or frames
    last = ours[-1] if ours else None
    return f"{Path(last.filename).name}:{last.lineno} {last.name}" if last else "?"


def _write(folder: Path, name: str, data: Any, seed: int) -> Path:
    """The case as a file: YAML for every third seed (escapes for what YAML cannot hold
    plainly, dates as YAML dates), JSON otherwise; JSON when YAML cannot write the value."""
    if seed % 3 == 0:
        try:
            path = folder / f"{name}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
            return path
        except (yaml.YAMLError, RecursionError, ValueError, TypeError):
            pass
    path = folder / f"{name}.json"
    try:
        text = json.dumps(data, default=str)
    except (RecursionError, ValueError):
        text = json.dumps({"unwritable": True})
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _program() -> Any:
    from kinchain.assessment import assess
    from kinchain.intake import parse_intake
    from kinchain.program import build_program

    start = AS_OF - dt.timedelta(days=60)  # generated check-ins fall in the last 30 days
    intake = parse_intake(BASES[1], as_of=start)  # Tom: his program is not suspended
    return build_program(intake, assess(intake, as_of=start), as_of=start)


_PROGRAM: Any = None


def _intake_steps(path: Path, out: Outcome, html: Path | None, pdf: Path | None) -> None:
    from kinchain.services import assess_file, program_file, render_report_file, validate_file

    start = time.perf_counter()
    problems = validate_file(path, as_of=AS_OF)
    "\n".join(problems).encode("utf-8")  # what the CLI prints must be printable
    out.times["validate"] = time.perf_counter() - start
    if problems:
        out.result = "refused"
        return
    start = time.perf_counter()
    json.dumps(assess_file(path, as_of=AS_OF), ensure_ascii=False).encode("utf-8")
    view = program_file(path, as_of=AS_OF)
    if view.program is not None:
        json.dumps(view.program.to_json(), ensure_ascii=False).encode("utf-8")
    out.times["assess+program"] = time.perf_counter() - start
    if html is not None:
        start = time.perf_counter()
        render_report_file(path, out=html, pdf=pdf, as_of=AS_OF)
        out.times["pdf" if pdf is not None else "html"] = time.perf_counter() - start


def _checkin_steps(path: Path, out: Outcome) -> None:
    global _PROGRAM
    from kinchain.program import apply_checkins, load_checkin

    if _PROGRAM is None:
        _PROGRAM = _program()
    start = time.perf_counter()
    try:
        checkin = load_checkin(path)
        outcome = apply_checkins(_PROGRAM, [checkin])
        json.dumps(outcome.to_json(), ensure_ascii=False, default=str).encode("utf-8")
    finally:
        out.times["checkin"] = time.perf_counter() - start


def run_case(seed: int, report: str = "") -> Outcome:
    """One generated case through its steps; ``report`` is "", "html" or "pdf"."""
    c = case(seed)
    out = Outcome(seed, c["kind"], c["flavour"])
    with tempfile.TemporaryDirectory(prefix="kinchain-fuzz-") as tmp:
        folder = Path(tmp)
        path = _write(folder, c["kind"], c["data"], seed)
        try:
            if c["kind"] == "intake":
                html = folder / "r.html" if report else None
                pdf = folder / "r.pdf" if report == "pdf" else None
                _intake_steps(path, out, html, pdf)
            else:
                _checkin_steps(path, out)
        except KinchainError as e:
            out.result = "refused"
            str(e).encode("utf-8")  # a refusal must be printable too
        except Exception as e:  # the faults this benchmark is here to find
            out.result = "fault"
            first_line = (str(e).splitlines() or [""])[0][:160]
            out.fault = (type(e).__name__, first_line, _where(e))
    return out


def _plan(args: argparse.Namespace) -> Iterator[tuple[int, str]]:
    """Seeds in order; the report steps go to the first accepted-looking intakes: every case
    whose generated kind is an intake and flavour valid (they are accepted nearly always)."""
    html = pdf = 0
    for n in range(args.cases):
        seed = args.seed + n
        step = ""
        if html < args.html or pdf < args.pdf:
            c = case(seed)
            if c["kind"] == "intake" and c["flavour"] == "valid":
                if pdf < args.pdf:
                    step, pdf = "pdf", pdf + 1
                elif html < args.html:
                    step, html = "html", html + 1
        yield seed, step


def _run_star(job: tuple[int, str]) -> Outcome:
    return run_case(*job)


def _summary(outcomes: list[Outcome], took: float) -> tuple[list[str], int]:
    lines = [f"{len(outcomes):,} cases in {took:.1f} s: {len(outcomes) / took:.1f} cases/s"]
    counts: dict[tuple[str, str, str], int] = {}
    for o in outcomes:
        counts[(o.kind, o.flavour, o.result)] = counts.get((o.kind, o.flavour, o.result), 0) + 1
    for (kind, flavour, result), n in sorted(counts.items()):
        lines.append(f"  {kind:8s} {flavour:8s} {result:9s} {n:8,d}")
    for step in ("validate", "assess+program", "checkin", "html", "pdf"):
        timed = [o for o in outcomes if step in o.times]
        if timed:
            worst = max(timed, key=lambda o: o.times[step])
            total = sum(o.times[step] for o in timed)
            lines.append(f"slowest {step}: {worst.times[step]:.3f} s (seed {worst.seed}); "
                         f"{len(timed):,} runs, mean {total / len(timed) * 1e3:.1f} ms")
    core = [sum(o.times.get(s, 0.0) for s in ("validate", "assess+program", "checkin"))
            for o in outcomes]
    slowest = max(range(len(outcomes)), key=core.__getitem__) if outcomes else None
    if slowest is not None:
        flag = "" if core[slowest] < TARGET_S else f"  (over the {TARGET_S:g} s target)"
        lines.append(f"slowest case (validation + assessment + program or check-in): "
                     f"{core[slowest]:.3f} s, seed {outcomes[slowest].seed}{flag}")
    faults: dict[tuple[str, str, str], list[Outcome]] = {}
    for o in outcomes:
        if o.fault is not None:
            name, message, where = o.fault
            shape = re.sub(r"\\[uUx][0-9a-fA-F]+|\d+", "_", message)  # one kind, any value
            faults.setdefault((name, shape, where), []).append(o)
    total_faults = sum(len(v) for v in faults.values())
    lines.append(f"{total_faults:,} unexpected exceptions ({len(faults)} distinct)")
    for (name, _, where), found in faults.items():
        first = found[0]
        assert first.fault is not None
        lines.append(f"  {name} at {where}: {first.fault[1]}")
        lines.append(f"    {len(found):,} cases; reproduce: python bench/bench_fuzz.py "
                     f"--replay {first.seed}")
    return lines, total_faults


def replay(seed: int) -> int:
    """Run one case in this process and let any exception show its traceback."""
    c = case(seed)
    print(f"case {seed}: {c['kind']}, {c['flavour']}")
    with tempfile.TemporaryDirectory(prefix="kinchain-replay-") as tmp:
        path = _write(Path(tmp), c["kind"], c["data"], seed)
        print(path.read_text(encoding="utf-8", errors="replace")[:2000])
        out = Outcome(seed, c["kind"], c["flavour"])
        try:
            if c["kind"] == "intake":
                _intake_steps(path, out, Path(tmp) / "r.html", Path(tmp) / "r.pdf")
            else:
                _checkin_steps(path, out)
        except KinchainError as e:
            print(f"refused (kinchain's own error):\n{e}")
    print(f"times: {out.times}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--html", type=int, default=2_000, help="cases through the HTML report")
    parser.add_argument("--pdf", type=int, default=100, help="cases through the PDF as well")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--replay", type=int, default=None, metavar="SEED")
    args = parser.parse_args(argv)
    if args.replay is not None:
        return replay(args.replay)
    print(f"kinchain fuzz: {args.cases:,} cases from seed {args.seed}, {args.html:,} HTML, "
          f"{args.pdf:,} PDF, {args.jobs} job(s), as of {AS_OF.isoformat()} "
          f"(started {dt.datetime.now():%H:%M:%S})", flush=True)
    start = time.perf_counter()
    plan = list(_plan(args))
    outcomes: list[Outcome] = []
    if args.jobs > 1:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            for i, o in enumerate(pool.imap(_run_star, plan, chunksize=20)):
                outcomes.append(o)
                _progress(i, len(plan), start)
    else:
        for i, job in enumerate(plan):
            outcomes.append(run_case(*job))
            _progress(i, len(plan), start)
    lines, faults = _summary(outcomes, time.perf_counter() - start)
    print("\n".join(lines))
    return 1 if faults else 0


def _progress(i: int, total: int, start: float) -> None:
    if (i + 1) % 5000 == 0:
        rate = (i + 1) / (time.perf_counter() - start)
        print(f"  ... {i + 1:,} of {total:,} ({rate:.1f} cases/s)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
