"""The sentences a client reads about their own history, built from ``rules.yaml``'s wording.

Every sentence follows from the client's own data (site, side, kind, year, care) and from the
size of the effect: an old injury whose stability deficit is below
``wording.recovered.deficit_below`` (a heuristic) is called largely recovered and is never said
to add to a pain. The chain idea (an old injury further along the chain adding to a pain) is
always said with "may", with what is known and what is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kinchain.body import site_label

__all__ = [
    "chain_link",
    "injury_story",
    "pain_place",
    "pain_story",
    "place",
    "recovered",
    "weakest_link",
]


def _name(site: str, wording: Mapping[str, Any]) -> str:
    return str(wording["names"].get(site, site_label(site)))


def place(site: str, side: str | None, wording: Mapping[str, Any], /) -> str:
    """A site and side in a client's words: ``left ankle``, ``both hips``, ``lower back``.

    >>> from kinchain.program.rules import default_rules
    >>> w = default_rules().wording
    >>> place("hip", "both", w), place("lumbar_spine", None, w), place("toes", "both", w)
    ('both hips', 'lower back', 'toes of both feet')
    """
    name = _name(site, wording)
    if side == "both":
        if site in wording["plural"]:
            return f"{name} of both feet" if site == "toes" else f"{name} on both sides"
        return f"both {name}s"
    return f"{side} {name}" if side else name


def pain_place(site: str, side: str | None, wording: Mapping[str, Any], /) -> str:
    """The place with its possessive: ``your left hip``, ``both your hips``."""
    if side == "both" and site not in wording["plural"]:
        return f"both your {_name(site, wording)}s"
    return f"your {place(site, side, wording)}"


def recovered(deficit: float, wording: Mapping[str, Any], /) -> bool:
    """Whether an old injury's remaining stability deficit is small enough to call it
    largely recovered (``wording.recovered.deficit_below``, a heuristic)."""
    return deficit < float(wording["recovered"]["deficit_below"])


def _known(site: str, wording: Mapping[str, Any]) -> str:
    known = wording["chain"]["known"]
    return str(known.get(site, known["default"]))


def chain_link(injury_site: str, pains: Iterable[str], wording: Mapping[str, Any], /) -> str:
    """That an old injury may add to pains elsewhere, with what is known and what is not."""
    return str(wording["chain"]["link"]).format(
        pain=" and ".join(pains), known=_known(injury_site, wording)
    )


def weakest_link(
    injury: tuple[str, str | None], link: tuple[str, str | None], wording: Mapping[str, Any], /
) -> str:
    """That the next weakest link may take up load, said as an idea with its grounds."""
    return str(wording["chain"]["weakest_link"]).format(
        injury=place(*injury, wording),
        link=place(*link, wording),
        known=_known(injury[0], wording),
    )


def pain_story(site: str, side: str | None, intensity: int, role: str | None, wording: Any) -> str:
    """A painful site in words; spine sites are not called joints."""
    roles = wording["role"]
    many = side == "both" or site in wording["plural"]
    return str(wording["pain"]).format(
        pain=pain_place(site, side, wording),
        hurts="hurt" if many else "hurts",
        intensity=intensity,
        role=roles.get(role or "stability", roles["stability"]),
    )


def injury_story(injury: Any, deficit: float | None, wording: Mapping[str, Any], /) -> str:
    """One old injury in the client's words: where, what, when, what care, how it is now.

    ``deficit`` is the joint's remaining stability deficit, or None when the model gives none.
    """
    plural = injury.site in wording["plural"]
    verb = wording["injury_verb"].get(injury.kind, injury.kind)
    text = (
        f"your {place(injury.site, injury.side, wording)} {'were' if plural else 'was'} "
        f"{verb} in {injury.date.year}"
    )
    if injury.recurrences:
        again = wording["recurrence"].get(injury.site, wording["recurrence"]["default"])
        times = "time" if injury.recurrences == 1 else "times"
        text += f", {again} {injury.recurrences} more {times}"
    care = (
        wording["care"]
        .get(injury.care, "")
        .format(it="them" if plural else "it", it_was="they were" if plural else "it was")
    )
    if care:
        text += f" {care}" if injury.recurrences == 0 else f", {care}"
    if deficit is not None:
        state = wording["recovered"]["text"] if recovered(deficit, wording) else wording["residual"]
        text += "; " + str(state).format(
            it="they" if plural else "it",
            has="have" if plural else "has",
            gives="give" if plural else "gives",
        )
    return text
