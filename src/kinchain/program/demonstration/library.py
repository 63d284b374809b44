"""Loading ``figure.yaml`` and ``demonstrations.yaml`` into checked, frozen values.

Parsing (:func:`parse_figure`, :func:`parse_demonstrations`) is separate from reading the bundled
files (:func:`default_figure`, :func:`default_demonstrations`), so a coach's edit is checked the
same way. Every problem raises :class:`~kinchain.errors.DataFileError` naming the file, the key
and the bad value: an unknown exercise, posture, prop or contact surface, or an exercise shown
twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from kinchain.datafile import read_bundled_yaml
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.knowledge import cross_check, load
from kinchain.program.demonstration.kinematics import SIDES
from kinchain.program.demonstration.model import (
    Contact,
    Demonstration,
    Figure,
    Keyframe,
    Prop,
    PropPlacement,
)
from kinchain.program.demonstration.schema import (
    LIMB_JOINTS,
    ROOT_ANGLES,
    SPINE_JOINTS,
    Contacts,
    DemonstrationDoc,
    DemonstrationsDoc,
    FigureDoc,
)

__all__ = [
    "default_demonstrations",
    "default_figure",
    "parse_demonstrations",
    "parse_figure",
    "resolve_angles",
]

_FIGURE = "figure.yaml"
_DEMOS = "demonstrations.yaml"


def parse_figure(doc: Any, /, *, file: str = _FIGURE) -> Figure:
    """A checked :class:`Figure` from a parsed ``figure.yaml``; every cite key in the registry."""
    checked = load(FigureDoc, doc if isinstance(doc, Mapping) else {}, file=file)
    cross_check(checked, file=file, registry=default_registry(), sites=())
    return Figure(
        lengths={k: v.length for k, v in checked.segments.items()},
        thickness=dict(checked.thickness),
        ranges={r.joint: (r.low, r.high) for r in checked.ranges},
    )


def resolve_angles(*layers: Mapping[str, float]) -> dict[str, float]:
    """Every angle of the figure, later layers over earlier ones; within a layer a plain limb
    name (``knee``) sets both sides before a sided one (``knee.work``) sets one.

    >>> resolve_angles({"knee": 20}, {"knee.work": 90})["knee.other"]
    20.0
    """
    out = {name: 0.0 for name in (*ROOT_ANGLES, *SPINE_JOINTS)}
    out.update({f"{j}.{s}": 0.0 for j in LIMB_JOINTS for s in SIDES})
    for layer in layers:
        for name, value in sorted(layer.items(), key=lambda kv: "." in kv[0]):
            targets = [f"{name}.{s}" for s in SIDES] if name in LIMB_JOINTS else [name]
            for t in targets:
                out[t] = float(value)
    return out


def _contacts(docs: Contacts, surfaces: set[str], file: str, key: str) -> tuple[Contact, ...]:
    out: list[Contact] = []
    for point, on in docs.items():
        if on not in surfaces:
            raise DataFileError(
                file,
                f"{key}.{point}",
                f"{on!r} is not the floor or a prop of this demonstration ({sorted(surfaces)})",
            )
        points = [f"{point}.{s}" for s in SIDES] if point in _BOTH_SIDED else [point]
        out.extend(Contact(p, on) for p in points)
    return tuple(out)


_BOTH_SIDED = frozenset(("heel", "toe", "knee", "hand", "elbow", "shoulder"))


def _demonstration(
    i: int, d: DemonstrationDoc, doc: DemonstrationsDoc, props: Mapping[str, Prop], file: str
) -> Demonstration:
    key = f"demonstrations[{i}] ({d.exercise})"
    if d.posture not in doc.postures:
        raise DataFileError(
            file, f"{key}.posture", f"{d.posture!r} is not one of {sorted(doc.postures)}"
        )
    placements = []
    for j, p in enumerate(d.props):
        if p.prop not in props:
            raise DataFileError(
                file, f"{key}.props[{j}].prop", f"{p.prop!r} is not one of {sorted(props)}"
            )
        placements.append(PropPlacement(props[p.prop], p.x, p.y, p.holds, p.to, p.behind))
    posture = doc.postures[d.posture]
    surfaces = {"floor"} | {p.prop for p in d.props}
    base = _contacts(d.contacts or posture.contacts, surfaces, file, f"{key}.contacts")
    frames = tuple(
        Keyframe(
            angles=resolve_angles(posture.angles, d.angles, f.angles),
            hold_s=f.hold_s,
            move_s=f.move_s,
            contacts=base
            if f.contacts is None
            else _contacts(f.contacts, surfaces, file, f"{key}.frames[{k}].contacts"),
            lift=f.lift,
        )
        for k, f in enumerate(d.frames)
    )
    return Demonstration(
        d.exercise, d.posture, posture.words, d.works, d.shows, tuple(placements), frames
    )


def parse_demonstrations(
    doc: Any, /, *, exercise_ids: Iterable[str], file: str = _DEMOS
) -> dict[str, Demonstration]:
    """Checked demonstrations by exercise id from a parsed ``demonstrations.yaml``; each names
    an exercise of ``exercise_ids`` and no exercise is shown twice."""
    checked = load(DemonstrationsDoc, doc if isinstance(doc, Mapping) else {}, file=file)
    known = set(exercise_ids)
    props = {k: Prop(k, v.words, v.shape, v.height, v.width) for k, v in checked.props.items()}
    out: dict[str, Demonstration] = {}
    for i, d in enumerate(checked.demonstrations):
        if d.exercise not in known:
            raise DataFileError(
                file,
                f"demonstrations[{i}].exercise",
                f"{d.exercise!r} is not an exercise of the library",
            )
        if d.exercise in out:
            raise DataFileError(
                file, f"demonstrations[{i}].exercise", f"{d.exercise!r} is shown twice"
            )
        out[d.exercise] = _demonstration(i, d, checked, props, file)
    return out


@cache
def default_figure() -> Figure:
    """The bundled figure, loaded and checked once per process."""
    return parse_figure(read_bundled_yaml("kinchain.program", _FIGURE))


@cache
def default_demonstrations() -> Mapping[str, Demonstration]:
    """The bundled demonstrations, checked against the bundled exercise library."""
    from kinchain.program.library import default_library

    doc = read_bundled_yaml("kinchain.program", _DEMOS)
    return parse_demonstrations(doc, exercise_ids=default_library())
