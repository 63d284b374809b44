"""The shape of the intake's data files (``vocabulary.yaml``, ``screening.yaml``,
``limits.yaml``) as declarative models; the modules beside it read the checked documents."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, model_validator

from kinchain.knowledge import STRICT, Keys, Knowledge, Text, refuse

__all__ = ["LIMIT_NAMES", "LimitsDoc", "ScreeningDoc", "VocabularyDoc"]

#: every limit the code enforces; ``limits.yaml`` must give each, and nothing else
LIMIT_NAMES = (
    "injuries", "pain", "pain_words", "footwear", "activities", "goals", "screening_keys",
    "questionnaire_items", "text_chars", "notes_chars", "checkins", "checkin_done",
    "problems_shown",
)  # fmt: skip


def _once_each(words: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(words)) != len(words):
        raise refuse(f"a word is listed twice in {list(words)!r}")
    return words


Word = Annotated[str, STRICT, Field(min_length=1)]
#: a non-empty list of words, none twice
Words = Annotated[tuple[Word, ...], Field(min_length=1), AfterValidator(_once_each)]


class InjuryKindDoc(Knowledge):
    tissue: Annotated[str, STRICT] | None
    graded: Annotated[bool, STRICT]


class VocabularyDoc(Knowledge):
    """The whole of ``vocabulary.yaml``."""

    tissue_types: Words
    care_levels: Words
    injury_kinds: dict[str, InjuryKindDoc]
    carrying_side_words: dict[Literal["left", "right", "both"], Words]

    @model_validator(mode="after")
    def _known_tissues(self) -> Self:
        for kind, doc in self.injury_kinds.items():
            if doc.tissue is not None and doc.tissue not in self.tissue_types:
                raise refuse(
                    f"{doc.tissue!r} is not one of {self.tissue_types}",
                    at=f"injury_kinds.{kind}.tissue",
                )
        return self


class GroupDoc(Knowledge):
    title: Text


def _a_question(question: str) -> str:
    if not question.endswith("?"):
        raise refuse(f"{question!r} is not a question")
    return question


class QuestionDoc(Knowledge):
    key: Text
    group: Text
    question: Annotated[Text, AfterValidator(_a_question)]


class ScreeningDoc(Knowledge):
    """The whole of ``screening.yaml``: groups most urgent first, questions in the form's order."""

    groups: Annotated[dict[str, GroupDoc], Field(min_length=1)]
    questions: Annotated[tuple[QuestionDoc, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _keys_once_groups_known(self) -> Self:
        seen: set[str] = set()
        for i, q in enumerate(self.questions):
            if q.key in seen:
                raise refuse(f"{q.key!r} is listed twice", at=f"questions[{i}].key")
            seen.add(q.key)
            if q.group not in self.groups:
                raise refuse(
                    f"{q.group!r} is not one of {list(self.groups)}", at=f"questions[{i}].group"
                )
        return self


class LimitsDoc(Knowledge):
    """The whole of ``limits.yaml``: every limit of :data:`LIMIT_NAMES`, a whole number >= 1."""

    cite: Keys
    limits: dict[str, Annotated[int, STRICT, Field(ge=1)]]

    @model_validator(mode="after")
    def _every_limit(self) -> Self:
        wrong = sorted(set(self.limits) ^ set(LIMIT_NAMES))
        if wrong:
            raise refuse(f"missing or unknown limits: {', '.join(wrong)}", at="limits")
        return self
