"""The program package's public API: what other packages may call, and how."""

from __future__ import annotations

import inspect

import kinchain.program as program


def test_every_name_the_program_package_exports_exists() -> None:
    assert sorted(program.__all__) == sorted(set(program.__all__))
    for name in program.__all__:
        assert hasattr(program, name), name
    for name in ("build_program", "apply_checkins", "Program", "parse_checkin", "load_checkin"):
        assert name in program.__all__


def test_build_program_takes_its_data_positionally_and_the_date_by_keyword() -> None:
    params = inspect.signature(program.build_program).parameters
    kinds = {name: p.kind for name, p in params.items()}
    assert kinds["intake"] is inspect.Parameter.POSITIONAL_ONLY
    assert kinds["assessment"] is inspect.Parameter.POSITIONAL_ONLY
    assert kinds["as_of"] is inspect.Parameter.KEYWORD_ONLY
    assert params["as_of"].default is inspect.Parameter.empty


def test_apply_checkins_takes_the_program_and_check_ins_positionally() -> None:
    params = list(inspect.signature(program.apply_checkins).parameters.values())
    assert [p.name for p in params[:2]] == ["program", "checkins"]
    assert all(p.kind is inspect.Parameter.POSITIONAL_ONLY for p in params[:2])
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[2:])
