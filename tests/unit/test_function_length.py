"""No function in src/ is over 60 lines, except the few named below, each with its reason.

A function is measured from its ``def`` line to its last line (docstring included). The list of
exceptions must stay honest: a function on it that is no longer long (or no longer exists) fails
too, so an entry is removed as soon as its function is split.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
LIMIT = 60

#: qualified name (module.function, or module.Class.method) -> one-line reason it is still long
ALLOWED: dict[str, str] = {
}


def _functions(node: ast.AST, prefix: str) -> Iterator[tuple[str, int]]:
    """(qualified name, length in lines) of every function under ``node``, nested ones too."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = f"{prefix}.{child.name}"
            if not isinstance(child, ast.ClassDef):
                assert child.end_lineno is not None
                yield name, child.end_lineno - child.lineno + 1
            yield from _functions(child, name)
        else:
            yield from _functions(child, prefix)


def _lengths() -> dict[str, int]:
    out: dict[str, int] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:  # Alembic's generated DDL: one statement per table
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, length in _functions(tree, module):
            out[name] = max(length, out.get(name, 0))
    return out


def test_no_function_in_src_is_over_60_lines_unless_it_is_listed_with_a_reason() -> None:
    long = {name: n for name, n in _lengths().items() if n > LIMIT and name not in ALLOWED}
    assert not long, (
        f"functions over {LIMIT} lines (split them by the concepts they hold, or list each "
        f"with a one-line reason in ALLOWED): {dict(sorted(long.items()))}"
    )


def test_every_function_listed_as_allowed_to_be_long_still_exists_and_is_still_long() -> None:
    lengths = _lengths()
    stale = sorted(name for name in ALLOWED if lengths.get(name, 0) <= LIMIT)
    assert not stale, f"no longer over {LIMIT} lines (or gone): remove from ALLOWED: {stale}"


def test_every_allowed_long_function_has_a_one_line_reason() -> None:
    vague = sorted(name for name, why in ALLOWED.items() if not why.strip() or "\n" in why)
    assert not vague, f"each entry needs a one-line reason: {vague}"


def test_the_measure_counts_a_function_from_its_def_line_to_its_last_line() -> None:
    tree = ast.parse(
        "class A:\n    def f(self):\n        x = 1\n        return x\n\ndef g(): pass\n"
    )
    assert dict(_functions(tree, "m")) == {"m.A.f": 3, "m.g": 1}
