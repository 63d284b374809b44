"""The tissue model's constants: ``healing.yaml`` parsed into frozen, self-checked models.

Parsing (YAML -> plain values) and checking live here; the models are plain frozen dataclasses so
the same constants could later come from a database a coach edits. Every problem raises
:class:`~kinchain.errors.DataFileError` naming the file, the key and the bad value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kinchain.errors import DataFileError

__all__ = [
    "PHASES",
    "TISSUE_TYPES",
    "CareFactor",
    "Cited",
    "FaamCutoffs",
    "HealingClass",
    "HealingModel",
    "LifeStageConstants",
    "Phase",
    "RecoveryPoint",
    "Rule",
    "Structure",
    "StructureDefault",
    "TissueClass",
    "default_healing",
    "load_healing",
]

#: Healing phases in the order they pass; after the last one the tissue has reached its plateau.
PHASES: tuple[str, ...] = ("inflammation", "proliferation", "remodelling")
TISSUE_TYPES: tuple[str, ...] = (
    "ligament", "tendon", "muscle", "bone", "cartilage", "fascia", "joint"
)
INJURY_KINDS: tuple[str, ...] = (
    "sprain", "strain", "fracture", "dislocation", "tendinopathy", "surgery", "contusion"
)
CARE_LEVELS: tuple[str, ...] = ("none", "self", "medical", "physio", "rehab_completed")
#: The formulas whose sources the data file names under ``rules``.
RULES: tuple[str, ...] = ("mechanical", "injury_deficit", "joint_deficit")


@dataclass(frozen=True)
class Cited:
    """A number with the sources behind it."""

    value: float
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Phase:
    name: str
    end_day: int
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class RecoveryPoint:
    day: int
    fraction: float
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class HealingClass:
    """How one kind of tissue heals: its phases, its recovery curve and its plateau."""

    id: str
    label: str
    blood_supply: str
    after_surgery: str
    phases: tuple[Phase, ...]
    recovery: tuple[RecoveryPoint, ...]
    instability: Cited

    @property
    def plateau(self) -> float:
        """The most strength the repaired tissue ever regains, as a fraction of normal."""
        return self.recovery[-1].fraction

    @property
    def plateau_day(self) -> int:
        """The day healing stops: the end of remodelling."""
        return self.phases[-1].end_day


@dataclass(frozen=True)
class TissueClass:
    tissue: str
    healing_class: str
    stability_share: float
    cite: tuple[str, ...]
    note: str = ""
    intracapsular_class: str | None = None  # the class of such a tissue inside a joint capsule


@dataclass(frozen=True)
class Structure:
    id: str
    name: str
    tissue: str
    healing_class: str
    stability_share: float
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class StructureDefault:
    site: str
    kind: str
    structure: str
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Rule:
    """A formula's sources: the rule has no constant of its own."""

    name: str
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class CareFactor:
    care: str
    value: float
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class KindTissue:
    kind: str
    tissue: str
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class CaitCutoff:
    cutoff_total: int
    max_total: int
    items: int
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class FaamCutoffs:
    adl_below: float
    sports_below: float
    min_answered_fraction: float
    adl_items: int
    sports_items: int
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class LifeStageConstants:
    pregnant: Cited
    postpartum: Cited
    postpartum_window_weeks: int
    risk_factor_sites: tuple[str, ...]
    risk_factor_cite: tuple[str, ...]
    risk_factor_note: str
    relaxin_cite: tuple[str, ...]
    relaxin_note: str


@dataclass(frozen=True)
class HealingModel:
    """Every constant of the tissue model, checked."""

    file: str
    grades: Mapping[int, Cited]
    ungraded: Cited
    kind_severity: Mapping[str, Cited]
    kind_tissue: Mapping[str, KindTissue]
    tissue_classes: Mapping[str, TissueClass]
    classes: Mapping[str, HealingClass]
    structures: Mapping[str, Structure]
    defaults: Mapping[tuple[str, str], StructureDefault]
    rules: Mapping[str, Rule]
    recurrence: Cited
    care: Mapping[str, CareFactor]
    cait: CaitCutoff
    faam: FaamCutoffs
    life_stage: LifeStageConstants

    def citations(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Every (key path, cite) pair in the model, for checking against the registry."""
        for g, c in self.grades.items():
            yield f"severity.grades.{g}", c.cite
        yield "severity.ungraded", self.ungraded.cite
        for k, c in self.kind_severity.items():
            yield f"severity.kinds.{k}", c.cite
        for k, kt in self.kind_tissue.items():
            yield f"kind_tissue.{k}", kt.cite
        for t, tc in self.tissue_classes.items():
            yield f"tissue_class.{t}", tc.cite
        for cid, hc in self.classes.items():
            for p in hc.phases:
                yield f"classes.{cid}.phases.{p.name}", p.cite
            for i, r in enumerate(hc.recovery):
                yield f"classes.{cid}.recovery[{i}]", r.cite
            yield f"classes.{cid}.instability", hc.instability.cite
        for sid, s in self.structures.items():
            yield f"structures.{sid}", s.cite
        for (site, kind), d in self.defaults.items():
            yield f"defaults.{site}.{kind}", d.cite
        for name, rule in self.rules.items():
            yield f"rules.{name}", rule.cite
        yield "recurrence.per_episode", self.recurrence.cite
        for care, cf in self.care.items():
            yield f"care.{care}", cf.cite
        yield "questionnaires.cait", self.cait.cite
        yield "questionnaires.faam", self.faam.cite
        ls = self.life_stage
        yield "life_stage.pregnant", ls.pregnant.cite
        yield "life_stage.postpartum", ls.postpartum.cite
        yield "life_stage.risk_factors", ls.risk_factor_cite
        yield "life_stage.relaxin", ls.relaxin_cite


# ---------------------------------------------------------------- parsing helpers


class _Reader:
    """Small typed accessors that raise DataFileError with the key path."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, message: str) -> DataFileError:
        return DataFileError(self.file, key, message)

    def mapping(self, raw: Any, key: str) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(key, f"expected a mapping, got {type(raw).__name__}")
        return raw

    def get(self, raw: dict[str, Any], field: str, key: str) -> Any:
        if field not in raw:
            raise self.fail(f"{key}.{field}", "missing")
        return raw[field]

    def only(self, raw: dict[str, Any], allowed: set[str], key: str) -> None:
        unknown = sorted(str(k) for k in set(raw) - allowed)
        if unknown:
            raise self.fail(key, f"unknown field(s) {unknown}, expected some of {sorted(allowed)}")

    def number(self, raw: Any, key: str, *, low: float, high: float) -> float:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise self.fail(key, f"{raw!r} is not a number")
        if not low <= raw <= high:
            raise self.fail(key, f"{raw!r} is outside {low:g}..{high:g}")
        return float(raw)

    def integer(self, raw: Any, key: str, *, low: int, high: int) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise self.fail(key, f"{raw!r} is not a whole number")
        if not low <= raw <= high:
            raise self.fail(key, f"{raw} is outside {low}..{high}")
        return raw

    def text(self, raw: Any, key: str) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.fail(key, f"{raw!r} is not a non-empty text")
        return raw

    def choice(self, raw: Any, key: str, options: tuple[str, ...] | list[str]) -> str:
        if raw not in options:
            raise self.fail(key, f"{raw!r} is not one of {list(options)}")
        return str(raw)

    def cite(self, raw: dict[str, Any], key: str) -> tuple[str, ...]:
        value = self.get(raw, "cite", key)
        if not isinstance(value, list) or not value:
            raise self.fail(
                f"{key}.cite", f"expected a non-empty list of citation keys, got {value!r}"
            )
        for k in value:
            if not isinstance(k, str) or not k:
                raise self.fail(f"{key}.cite", f"{k!r} is not a citation key")
        return tuple(value)

    def note(self, raw: dict[str, Any]) -> str:
        return str(raw.get("note", ""))

    def cited(self, raw: Any, key: str, *, low: float = 0.0, high: float = 1.0) -> Cited:
        m = self.mapping(raw, key)
        self.only(m, {"value", "cite", "note"}, key)
        value = self.number(self.get(m, "value", key), f"{key}.value", low=low, high=high)
        return Cited(value, self.cite(m, key), self.note(m))


def _parse_class(r: _Reader, cid: str, raw: Any) -> HealingClass:
    key = f"classes.{cid}"
    m = r.mapping(raw, key)
    r.only(m, {"label", "blood_supply", "after_surgery", "phases", "recovery", "instability"}, key)
    phases_raw = r.mapping(r.get(m, "phases", key), f"{key}.phases")
    if list(phases_raw) != list(PHASES):
        raise r.fail(
            f"{key}.phases", f"expected exactly {list(PHASES)} in order, got {list(phases_raw)}"
        )
    phases: list[Phase] = []
    last_end = 0
    for name in PHASES:
        pk = f"{key}.phases.{name}"
        pm = r.mapping(phases_raw[name], pk)
        r.only(pm, {"end_day", "cite", "note"}, pk)
        end = r.integer(r.get(pm, "end_day", pk), f"{pk}.end_day", low=1, high=36500)
        if end <= last_end:
            raise r.fail(
                f"{pk}.end_day", f"{end} does not come after the previous phase's {last_end}"
            )
        last_end = end
        phases.append(Phase(name, end, r.cite(pm, pk), r.note(pm)))
    rec_raw = r.get(m, "recovery", key)
    if not isinstance(rec_raw, list) or not rec_raw:
        raise r.fail(f"{key}.recovery", "expected a non-empty list of {day, fraction} points")
    points: list[RecoveryPoint] = []
    for i, pr in enumerate(rec_raw):
        pk = f"{key}.recovery[{i}]"
        pm = r.mapping(pr, pk)
        r.only(pm, {"day", "fraction", "cite", "note"}, pk)
        day = r.integer(r.get(pm, "day", pk), f"{pk}.day", low=0, high=36500)
        frac = r.number(r.get(pm, "fraction", pk), f"{pk}.fraction", low=0.0, high=1.0)
        if i == 0 and day != 0:
            raise r.fail(f"{pk}.day", f"the first point must be day 0, got {day}")
        if points and day <= points[-1].day:
            raise r.fail(f"{pk}.day", f"{day} does not come after day {points[-1].day}")
        if points and frac < points[-1].fraction:
            raise r.fail(
                f"{pk}.fraction", f"{frac:g} falls below the earlier {points[-1].fraction:g}"
            )
        points.append(RecoveryPoint(day, frac, r.cite(pm, pk), r.note(pm)))
    if points[-1].day > last_end:
        raise r.fail(
            f"{key}.recovery[{len(points) - 1}].day",
            f"{points[-1].day} is after the end of remodelling (day {last_end})",
        )
    return HealingClass(
        id=cid,
        label=r.text(r.get(m, "label", key), f"{key}.label"),
        blood_supply=r.text(r.get(m, "blood_supply", key), f"{key}.blood_supply"),
        after_surgery=r.text(r.get(m, "after_surgery", key), f"{key}.after_surgery"),
        phases=tuple(phases),
        recovery=tuple(points),
        instability=r.cited(r.get(m, "instability", key), f"{key}.instability"),
    )


def _parse(doc: Any, file: str) -> HealingModel:
    r = _Reader(file)
    top = r.mapping(doc, "<file>")
    sections = {
        "version", "severity", "kind_tissue", "tissue_class", "classes", "structures",
        "defaults", "rules", "recurrence", "care", "questionnaires", "life_stage",
    }
    r.only(top, sections, "<file>")
    if top.get("version") != 1:
        raise r.fail("version", f"{top.get('version')!r} is not a supported version (expected 1)")

    sev = r.mapping(r.get(top, "severity", "<file>"), "severity")
    r.only(sev, {"grades", "ungraded", "kinds"}, "severity")
    grades_raw: dict[Any, Any] = r.mapping(r.get(sev, "grades", "severity"), "severity.grades")
    if sorted(grades_raw) != [1, 2, 3]:
        raise r.fail("severity.grades", f"expected grades 1, 2 and 3, got {sorted(grades_raw)}")
    grades = {g: r.cited(grades_raw[g], f"severity.grades.{g}") for g in (1, 2, 3)}
    if not grades[1].value <= grades[2].value <= grades[3].value:
        raise r.fail("severity.grades", "severity must not fall as the grade rises")
    ungraded = r.cited(r.get(sev, "ungraded", "severity"), "severity.ungraded")
    kinds_raw = r.mapping(r.get(sev, "kinds", "severity"), "severity.kinds")
    kind_severity = {
        r.choice(k, "severity.kinds", INJURY_KINDS): r.cited(v, f"severity.kinds.{k}")
        for k, v in kinds_raw.items()
    }

    kt_raw = r.mapping(r.get(top, "kind_tissue", "<file>"), "kind_tissue")
    kind_tissue: dict[str, KindTissue] = {}
    for kind in INJURY_KINDS:
        key = f"kind_tissue.{kind}"
        m = r.mapping(r.get(kt_raw, kind, "kind_tissue"), key)
        r.only(m, {"tissue", "cite", "note"}, key)
        tissue = r.choice(r.get(m, "tissue", key), f"{key}.tissue", TISSUE_TYPES)
        kind_tissue[kind] = KindTissue(kind, tissue, r.cite(m, key), r.note(m))
    r.only(kt_raw, set(INJURY_KINDS), "kind_tissue")

    classes_raw = r.mapping(r.get(top, "classes", "<file>"), "classes")
    classes = {str(cid): _parse_class(r, str(cid), raw) for cid, raw in classes_raw.items()}
    for cid, hc in classes.items():
        r.choice(hc.after_surgery, f"classes.{cid}.after_surgery", list(classes))

    tc_raw = r.mapping(r.get(top, "tissue_class", "<file>"), "tissue_class")
    r.only(tc_raw, set(TISSUE_TYPES), "tissue_class")
    tissue_classes: dict[str, TissueClass] = {}
    for tissue in TISSUE_TYPES:
        key = f"tissue_class.{tissue}"
        m = r.mapping(r.get(tc_raw, tissue, "tissue_class"), key)
        r.only(m, {"class", "intracapsular_class", "stability_share", "cite", "note"}, key)
        inside = m.get("intracapsular_class")
        inside_key = f"{key}.intracapsular_class"
        tissue_classes[tissue] = TissueClass(
            tissue,
            r.choice(r.get(m, "class", key), f"{key}.class", list(classes)),
            r.number(r.get(m, "stability_share", key), f"{key}.stability_share", low=0, high=1),
            r.cite(m, key),
            r.note(m),
            None if inside is None else r.choice(inside, inside_key, list(classes)),
        )

    st_raw = r.mapping(r.get(top, "structures", "<file>"), "structures")
    structures: dict[str, Structure] = {}
    for sid, raw in st_raw.items():
        key = f"structures.{sid}"
        m = r.mapping(raw, key)
        r.only(m, {"name", "tissue", "class", "stability_share", "cite", "note"}, key)
        structures[str(sid)] = Structure(
            id=str(sid),
            name=r.text(r.get(m, "name", key), f"{key}.name"),
            tissue=r.choice(r.get(m, "tissue", key), f"{key}.tissue", TISSUE_TYPES),
            healing_class=r.choice(r.get(m, "class", key), f"{key}.class", list(classes)),
            stability_share=r.number(
                r.get(m, "stability_share", key), f"{key}.stability_share", low=0, high=1
            ),
            cite=r.cite(m, key),
            note=r.note(m),
        )

    df_raw = r.mapping(r.get(top, "defaults", "<file>"), "defaults")
    defaults: dict[tuple[str, str], StructureDefault] = {}
    for site, kinds in df_raw.items():
        for kind, raw in r.mapping(kinds, f"defaults.{site}").items():
            key = f"defaults.{site}.{kind}"
            r.choice(kind, key, INJURY_KINDS)
            m = r.mapping(raw, key)
            r.only(m, {"structure", "cite", "note"}, key)
            sid = r.choice(r.get(m, "structure", key), f"{key}.structure", list(structures))
            defaults[(str(site), str(kind))] = StructureDefault(
                str(site), str(kind), sid, r.cite(m, key), r.note(m)
            )

    rules_raw = r.mapping(r.get(top, "rules", "<file>"), "rules")
    r.only(rules_raw, set(RULES), "rules")
    rules: dict[str, Rule] = {}
    for name in RULES:
        key = f"rules.{name}"
        m = r.mapping(r.get(rules_raw, name, "rules"), key)
        r.only(m, {"cite", "note"}, key)
        rules[name] = Rule(name, r.cite(m, key), r.note(m))

    rec = r.mapping(r.get(top, "recurrence", "<file>"), "recurrence")
    r.only(rec, {"per_episode"}, "recurrence")
    recurrence = r.cited(r.get(rec, "per_episode", "recurrence"), "recurrence.per_episode")

    care_raw = r.mapping(r.get(top, "care", "<file>"), "care")
    r.only(care_raw, set(CARE_LEVELS), "care")
    care = {}
    for level in CARE_LEVELS:
        c = r.cited(r.get(care_raw, level, "care"), f"care.{level}", low=0.0, high=2.0)
        care[level] = CareFactor(level, c.value, c.cite, c.note)

    q = r.mapping(r.get(top, "questionnaires", "<file>"), "questionnaires")
    cm = r.mapping(r.get(q, "cait", "questionnaires"), "questionnaires.cait")
    r.only(cm, {"cutoff_total", "max_total", "items", "cite", "note"}, "questionnaires.cait")
    cait_max = r.integer(r.get(cm, "max_total", "questionnaires.cait"),
                         "questionnaires.cait.max_total", low=1, high=1000)
    cait = CaitCutoff(
        cutoff_total=r.integer(r.get(cm, "cutoff_total", "questionnaires.cait"),
                               "questionnaires.cait.cutoff_total", low=0, high=cait_max),
        max_total=cait_max,
        items=r.integer(r.get(cm, "items", "questionnaires.cait"),
                        "questionnaires.cait.items", low=1, high=100),
        cite=r.cite(cm, "questionnaires.cait"),
        note=r.note(cm),
    )
    fk = "questionnaires.faam"
    fm = r.mapping(r.get(q, "faam", "questionnaires"), fk)
    r.only(fm, {"adl_below", "sports_below", "min_answered_fraction", "adl_items",
                "sports_items", "cite", "note"}, fk)
    faam = FaamCutoffs(
        adl_below=r.number(r.get(fm, "adl_below", fk), f"{fk}.adl_below", low=0, high=100),
        sports_below=r.number(r.get(fm, "sports_below", fk), f"{fk}.sports_below", low=0, high=100),
        min_answered_fraction=r.number(r.get(fm, "min_answered_fraction", fk),
                                       f"{fk}.min_answered_fraction", low=0.01, high=1),
        adl_items=r.integer(r.get(fm, "adl_items", fk), f"{fk}.adl_items", low=1, high=100),
        sports_items=r.integer(
            r.get(fm, "sports_items", fk), f"{fk}.sports_items", low=1, high=100
        ),
        cite=r.cite(fm, fk),
        note=r.note(fm),
    )

    ls = r.mapping(r.get(top, "life_stage", "<file>"), "life_stage")
    r.only(ls, {"pregnant", "postpartum", "risk_factors", "relaxin"}, "life_stage")
    pm = r.mapping(r.get(ls, "pregnant", "life_stage"), "life_stage.pregnant")
    r.only(pm, {"factor", "cite", "note"}, "life_stage.pregnant")
    ppm = r.mapping(r.get(ls, "postpartum", "life_stage"), "life_stage.postpartum")
    r.only(ppm, {"factor", "window_weeks", "cite", "note"}, "life_stage.postpartum")
    rf = r.mapping(r.get(ls, "risk_factors", "life_stage"), "life_stage.risk_factors")
    r.only(rf, {"sites", "cite", "note"}, "life_stage.risk_factors")
    rsites = r.get(rf, "sites", "life_stage.risk_factors")
    if not isinstance(rsites, list) or not all(isinstance(s, str) for s in rsites):
        raise r.fail(
            "life_stage.risk_factors.sites", f"expected a list of site ids, got {rsites!r}"
        )
    rx = r.mapping(r.get(ls, "relaxin", "life_stage"), "life_stage.relaxin")
    r.only(rx, {"cite", "note"}, "life_stage.relaxin")
    life_stage = LifeStageConstants(
        pregnant=Cited(
            r.number(r.get(pm, "factor", "life_stage.pregnant"), "life_stage.pregnant.factor",
                     low=0, high=1),
            r.cite(pm, "life_stage.pregnant"), r.note(pm)),
        postpartum=Cited(
            r.number(r.get(ppm, "factor", "life_stage.postpartum"),
                     "life_stage.postpartum.factor", low=0, high=1),
            r.cite(ppm, "life_stage.postpartum"), r.note(ppm)),
        postpartum_window_weeks=r.integer(
            r.get(ppm, "window_weeks", "life_stage.postpartum"),
            "life_stage.postpartum.window_weeks", low=1, high=520),
        risk_factor_sites=tuple(rsites),
        risk_factor_cite=r.cite(rf, "life_stage.risk_factors"),
        risk_factor_note=r.note(rf),
        relaxin_cite=r.cite(rx, "life_stage.relaxin"),
        relaxin_note=r.note(rx),
    )

    return HealingModel(
        file=file,
        grades=grades,
        ungraded=ungraded,
        kind_severity=kind_severity,
        kind_tissue=kind_tissue,
        tissue_classes=tissue_classes,
        classes=classes,
        structures=structures,
        defaults=defaults,
        rules=rules,
        recurrence=recurrence,
        care=care,
        cait=cait,
        faam=faam,
        life_stage=life_stage,
    )


def load_healing(path: Path) -> HealingModel:
    """Load and check a healing constants file; any bad value raises DataFileError."""
    name = path.name
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise DataFileError(name, "<file>", f"not valid YAML ({e})") from None
    except OSError as e:
        raise DataFileError(name, "<file>", f"cannot be read ({e.strerror})") from None
    return _parse(doc, name)


def bundled_healing_file() -> Path:
    """The constants file shipped with kinchain."""
    return Path(str(resources.files("kinchain.tissue") / "healing.yaml"))


#: Body-web tissue types that this file names differently.
_BODY_TYPE_ALIASES: Mapping[str, str] = {"capsule": "joint"}


def body_tissue_type(body_type: str, /) -> str:
    """The tissue type this model uses for a body-web tissue type.

    >>> body_tissue_type("capsule"), body_tissue_type("ligament")
    ('joint', 'ligament')
    """
    return _BODY_TYPE_ALIASES.get(body_type, body_type)


def check_against_body(model: HealingModel, tissues: Mapping[str, Any], /) -> None:
    """Every named structure is a body-web tissue of the same type, at the sites it defaults for.

    ``tissues`` maps ids to :class:`kinchain.body.Tissue` (``type``, ``intracapsular``,
    ``sites``). Raises DataFileError for the first mismatch.
    """
    for sid, s in model.structures.items():
        key = f"structures.{sid}"
        if sid not in tissues:
            raise DataFileError(model.file, key, f"{sid!r} is not a tissue of the body web")
        t = tissues[sid]
        if body_tissue_type(t.type) != s.tissue:
            raise DataFileError(
                model.file, f"{key}.tissue",
                f"{s.tissue!r} but the body web says {sid} is a {t.type}",
            )
        inside = s.healing_class == model.tissue_classes["ligament"].intracapsular_class
        if bool(t.intracapsular) != inside:
            where = "inside" if t.intracapsular else "outside"
            raise DataFileError(
                model.file, f"{key}.class",
                f"{s.healing_class!r} but the body web puts {sid} {where} a joint capsule",
            )
    for (site, kind), d in model.defaults.items():
        if site not in tissues[d.structure].sites:
            raise DataFileError(
                model.file, f"defaults.{site}.{kind}.structure",
                f"the body web does not place {d.structure!r} at the {site}",
            )


@cache
def default_healing() -> HealingModel:
    """The bundled constants, loaded once per process, checked against the evidence registry
    (every citation) and the body web (every named structure)."""
    from kinchain.body import default_body
    from kinchain.evidence import default_registry

    model = load_healing(bundled_healing_file())
    registry = default_registry()
    for key, cite in model.citations():
        registry.check(cite, file=model.file, key=key)
    check_against_body(model, default_body().tissues)
    return model
