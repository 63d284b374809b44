"""Typed pointers into an intake: which injury (or activity) a conclusion is about.

Inside kinchain an injury is named by an :class:`InjuryRef`, never by a string; its text form
``injuries[0]`` appears only in JSON output, and :meth:`InjuryRef.parse` is the one way back from
that text. The injuries of one joint, named together (a weakest link belongs to a joint, not to
one injury), are :class:`InjuryRefs`. An activity a contributor comes from is an
:class:`ActivityRef` (the program reads the activity's kind from it).

Pointers to other parts of the intake (``pain[0]``, ``footwear[1]``, ``habits.carrying``,
``client.life_stage``) stay strings: they are labels a coach reads and the report resolves, and
no code reads anything back out of them. :data:`IntakeRef` is the union a trail step, a
contributor or a routine item's ``because`` carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from kinchain.errors import InputError

if TYPE_CHECKING:
    from kinchain.intake.model import Injury, Intake

__all__ = [
    "ActivityRef",
    "InjuryRef",
    "InjuryRefs",
    "IntakeRef",
    "injuries_by_ref",
    "named_together",
]

_TEXT = re.compile(r"injuries\[(0|[1-9][0-9]*)\]")


@dataclass(frozen=True, order=True)
class InjuryRef:
    """The injury at ``index`` in the intake's ``injuries`` list.

    >>> ref = InjuryRef(2)
    >>> str(ref), InjuryRef.parse("injuries[2]") == ref
    ('injuries[2]', True)
    """

    index: int

    def __post_init__(self) -> None:
        if isinstance(self.index, bool) or not isinstance(self.index, int) or self.index < 0:
            raise InputError(
                f"injury index: expected a whole number 0 or more; received {self.index!r}"
            )

    def __str__(self) -> str:
        return f"injuries[{self.index}]"

    @classmethod
    def parse(cls, text: str, /, *, field: str = "ref") -> InjuryRef:
        """The reference a text such as ``injuries[0]`` names (from JSON, a stored record or a
        web form); ``field`` names where the text came from in the message of a refusal.

        >>> InjuryRef.parse("injuries[10]")
        InjuryRef(index=10)
        >>> try:
        ...     InjuryRef.parse("pain[0]")
        ... except InputError as e:
        ...     print(e)
        ref: expected an injury reference such as 'injuries[0]'; received 'pain[0]'
        """
        found = _TEXT.fullmatch(text) if isinstance(text, str) else None
        if found is None:
            raise InputError(
                f"{field}: expected an injury reference such as 'injuries[0]'; received {text!r}"
            )
        return cls(int(found.group(1)))


@dataclass(frozen=True)
class InjuryRefs:
    """Several injuries named together, in intake order: the injuries of one joint.

    >>> str(InjuryRefs((InjuryRef(1), InjuryRef(4)))), str(InjuryRefs(()))
    ('injuries[1], injuries[4]', '')
    """

    refs: tuple[InjuryRef, ...]

    def __str__(self) -> str:
        return ", ".join(str(r) for r in self.refs)

    def __iter__(self) -> Iterator[InjuryRef]:
        return iter(self.refs)

    def __bool__(self) -> bool:
        return bool(self.refs)


@dataclass(frozen=True, order=True)
class ActivityRef:
    """The activity at ``index`` in the intake's ``activities`` list.

    >>> str(ActivityRef(1))
    'activities[1]'
    """

    index: int

    def __str__(self) -> str:
        return f"activities[{self.index}]"


#: what a trail step or a routine item points at: an injury, the injuries of a joint, an
#: activity, or another part of the intake named by its path (``pain[0]``, ``habits.carrying``)
IntakeRef: TypeAlias = InjuryRef | InjuryRefs | ActivityRef | str


def injuries_by_ref(intake: Intake, /) -> dict[InjuryRef, Injury]:
    """Each injury of the intake under its reference, in intake order: the one place an index
    into ``intake.injuries`` becomes a reference."""
    return {InjuryRef(i): injury for i, injury in enumerate(intake.injuries)}


def named_together(refs: Iterable[InjuryRef], /) -> InjuryRef | InjuryRefs | None:
    """How a joint names its injuries: one injury names itself, several are named together,
    none is None.

    >>> named_together([InjuryRef(3)]), named_together([])
    (InjuryRef(index=3), None)
    >>> str(named_together([InjuryRef(0), InjuryRef(2)]))
    'injuries[0], injuries[2]'
    """
    found = tuple(refs)
    if not found:
        return None
    return found[0] if len(found) == 1 else InjuryRefs(found)
