"""docs/intake.md describes the format kinchain reads: its examples load, every field and every
screening question is in it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kinchain.intake import model, screening_questions
from kinchain.intake.files import parse_text
from kinchain.intake.screening import screening_groups
from kinchain.services import load_client

DOC = Path(__file__).resolve().parents[2] / "docs" / "intake.md"


def yaml_blocks() -> list[dict[str, Any]]:
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    return [parse_text(block, source="docs/intake.md", json_format=False) for block in blocks]


def test_the_documented_fragments_together_make_a_valid_intake(tmp_path: Path) -> None:
    whole: dict[str, Any] = {"daily_minutes": 10}
    for block in yaml_blocks():
        whole.update(block)
    assert {"client", "injuries", "pain", "footwear", "questionnaires"} <= set(whole)
    path = tmp_path / "documented.json"
    path.write_text(json.dumps(whole, default=str), encoding="utf-8")
    intake = load_client(path)  # questionnaire counts and ranges included
    assert intake.questionnaires.faam is not None and intake.habits.carrying is not None
    assert intake.habits.carrying.side == "left"


def test_every_field_of_the_model_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    classes = [c for c in vars(model).values() if isinstance(c, type) and issubclass(c, BaseModel)]
    for cls in classes:
        if cls.__module__ != model.__name__ or cls.__name__.startswith("_"):
            continue
        for name in cls.model_fields:
            if cls is model.PartialDate:
                continue
            assert f"`{name}`" in text, f"{cls.__name__}.{name} is not in docs/intake.md"


def test_every_screening_key_is_documented_with_its_question_and_group() -> None:
    text = DOC.read_text(encoding="utf-8")
    for q in screening_questions():
        assert f"| `{q.key}` | {q.question} |" in text, q.key
    for group, title in screening_groups().items():
        assert f"**{group}**: {title}" in text
