"""Benchmark: the largest intake the limits allow, through every step and both report files.

Run by hand (not a timed test; the page size is held by tests/unit/test_report_files.py)::

    .venv/bin/python bench/bench_largest.py           # both variants, HTML and PDF
    .venv/bin/python bench/bench_largest.py --no-pdf  # HTML only

The intake (``tests/intake_cases.py``: ``largest_intake``) has every list at its limit and
every text at its longest; "one joint" puts all its injuries at the right knee (the case whose
explanations repeat the most), "spread" over the body. Printed per variant: the intake's size,
the time of validation, assessment + program and each report file, the size of each file, and
the peak memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from intake_cases import AS_OF, largest_intake  # noqa: E402
from kinchain.services import assess_file, program_file, validate_file  # noqa: E402
from kinchain.services.report import report_inputs, write_report  # noqa: E402


def _timed(step: str, func, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = func(*args, **kwargs)
    print(f"  {step:16s} {time.perf_counter() - start:7.2f} s", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    for one_joint in (True, False):
        with tempfile.TemporaryDirectory(prefix="kinchain-largest-") as tmp:
            folder = Path(tmp)
            path = folder / "largest.json"
            path.write_text(json.dumps(largest_intake(one_joint=one_joint)), encoding="utf-8")
            name = "one joint" if one_joint else "spread"
            print(f"{name}: intake {path.stat().st_size:,} bytes")
            assert not _timed("validate", validate_file, path, as_of=AS_OF)
            _timed("assessment", assess_file, path, as_of=AS_OF)
            _timed("program", program_file, path, as_of=AS_OF)
            inputs = _timed("report inputs", report_inputs, path, as_of=AS_OF)
            html, pdf = folder / "r.html", folder / "r.pdf"
            _timed("HTML", write_report, inputs, out=html)
            print(f"  HTML page        {html.stat().st_size:,} bytes")
            if not args.no_pdf:
                _timed("HTML + PDF", write_report, inputs, out=html, pdf=pdf)
                print(f"  PDF              {pdf.stat().st_size:,} bytes")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
