"""Plain words for a site and a side, from the body web: the one place a site id becomes text.

A site's label is its name in ``sites.yaml`` without the anatomical aside in brackets
("ankle (talocrural joint)" -> "ankle", "lower back (lumbar spine)" -> "lower back").
"""

from __future__ import annotations

from kinchain.body.loader import default_body
from kinchain.body.model import SIDES

__all__ = ["each_side", "site_label"]


def site_label(site: str | None, side: str | None = None, /) -> str:
    """A site's plain name, with its side in front when one is given.

    An id the body web does not define (a test's made-up site) reads as its words.

    >>> site_label("ankle", "left"), site_label("lumbar_spine"), site_label(None)
    ('left ankle', 'lower back', 'whole body')
    """
    if site is None:
        return "whole body"
    known = default_body().sites.get(site)
    name = known.name.split(" (", 1)[0] if known is not None else site.replace("_", " ")
    return f"{side} {name}" if side else name


def each_side(side: str | None, /) -> tuple[str | None, ...]:
    """The sides a side means one by one: ``both`` is left and right; any other stays itself.

    >>> each_side("both"), each_side("left"), each_side(None)
    (('left', 'right'), ('left',), (None,))
    """
    return SIDES if side == "both" else (side,)
