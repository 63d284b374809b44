"""The evidence registry: every source kinchain cites, with its grade.

Sources live in data files under ``kinchain/evidence/sources/*.yaml`` (grammar at the top of
each). Other data files cite them by key in ``cite:`` lists; :func:`default_registry` loads
and checks them once per process.
"""

from kinchain.evidence.registry import GRADE_MEANING, GRADES, Registry, Source, default_registry

__all__ = ["GRADES", "GRADE_MEANING", "Registry", "Source", "default_registry"]
