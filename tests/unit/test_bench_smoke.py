"""The benchmarks run end to end on a few cases (smoke tests; nothing is timed)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_reference.py"


def test_reference_benchmark_prints_a_speed_ratio_and_an_impact_peak_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = importlib.util.spec_from_file_location("bench_reference", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--n", "20"]) == 0
    out = capsys.readouterr().out
    ratio = re.search(r"ratio LSODA loop / numba batch: ([0-9.]+)x", out)
    error = re.search(r"impact-peak error vs tight LSODA: batch ([0-9.]+)%", out)
    assert ratio is not None and float(ratio.group(1)) > 0
    assert error is not None and float(error.group(1)) <= 0.5


FUZZ = Path(__file__).resolve().parents[2] / "bench" / "bench_fuzz.py"


def test_the_fuzz_benchmark_sends_generated_cases_through_every_step_with_no_foreign_exception(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("bench_fuzz", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_fuzz", module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    assert module.main(["--cases", "300", "--html", "20", "--pdf", "2"]) == 0
    out = capsys.readouterr().out
    assert "0 unexpected exceptions (0 distinct)" in out
    assert re.search(r"300 cases in [0-9.]+ s: [0-9.]+ cases/s", out)
    runs = {step: int(n.replace(",", "")) for step, n in
            re.findall(r"slowest (html|pdf): [0-9.]+ s \(seed \d+\); ([\d,]+) runs", out)}
    assert runs == {"html": 20, "pdf": 2}
    assert re.search(r"intake\s+hostile\s+refused\s+\d+", out)
    assert re.search(r"checkin\s+valid\s+accepted\s+\d+", out)


STORE = Path(__file__).resolve().parents[2] / "bench" / "bench_store.py"


def test_the_storage_benchmark_fills_both_databases_in_bulk_and_times_each_use_case(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("bench_store", STORE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_store", module)  # its dataclasses look it up
    monkeypatch.setattr(sys, "path", list(sys.path))  # it adds bench/ and tests/ to the path
    spec.loader.exec_module(module)
    assert module.main(["--clients", "20", "--samples", "3"]) == 0
    out = capsys.readouterr().out
    checkins = re.search(r"20 clients: .*?([\d,]+) checkin\b", out)
    assert checkins is not None and int(checkins.group(1).replace(",", "")) > 20 * 50
    for kind in ("sqlite", "postgresql"):
        section = out.split(f"\n{kind}:", 1)[1]
        for use_case in ("client_page", "client_record", "add_checkin"):
            timed = re.search(
                rf"\({use_case}\)\s+p50\s+[0-9.]+ ms\s+p95\s+[0-9.]+ ms\s+n=3", section
            )
            assert timed is not None, f"{kind} {use_case}"
        assert re.search(r"size [\d,]+ MiB for 20 clients; growth [\d,]+ KiB per client", section)
    assert re.search(r"ratio sqlite / postgresql \(p50\): page [0-9.]+x", out)


DOCUMENTS = Path(__file__).resolve().parents[2] / "bench" / "bench_documents.py"


def test_the_documents_benchmark_times_each_document_against_the_full_pdf(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = importlib.util.spec_from_file_location("bench_documents", DOCUMENTS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--client", "ruth", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    ratios = dict(re.findall(r"^\s+(html|handout|summary|pdf)\s.*?([0-9.]+) x full PDF", out, re.M))
    assert set(ratios) == {"html", "handout", "summary", "pdf"}
    assert float(ratios["pdf"]) == 1.0 and float(ratios["html"]) < 1.0
    assert "old matplotlib plots (3)" in out


WEB = Path(__file__).resolve().parents[2] / "bench" / "bench_web.py"


def test_the_web_benchmark_signs_coaches_in_and_times_each_page_at_the_server_and_the_client(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("bench_web", WEB)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_web", module)  # its dataclasses look it up
    monkeypatch.setattr(sys, "path", list(sys.path))  # it adds bench/ and tests/ to the path
    spec.loader.exec_module(module)
    assert module.main(["--coaches", "2", "--clients", "20", "--seconds", "3", "--port", "0"]) == 0
    out = capsys.readouterr().out
    for title in ("(a) demo practice, 3 clients", "(b) generated practice, 20 clients"):
        section = out.split(f"\n{title}: ", 1)[1].split("\n\n", 1)[0]
        sent = re.match(r"(\d+) requests in 3 s \([0-9.]+/s\), 0 errors", section)
        assert sent is not None and int(sent.group(1)) >= 2, section
        rows = re.findall(r"\n  (dashboard|client page|report HTML|healthz)\s+(\d+)\s+"
                          r"(\S+) / (\S+)\s+(\S+) / (\S+)", section)
        assert [row[0] for row in rows] == ["dashboard", "client page", "report HTML", "healthz"]
        assert sum(int(row[1]) for row in rows) == int(sent.group(1))
        for _, n, server_p50, _, client_p50, _ in rows:
            if int(n):  # the server's own time is inside the time the client waited
                assert 0 < float(server_p50) <= float(client_p50)
