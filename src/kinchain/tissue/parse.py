"""Parsing ``healing.yaml``: plain YAML values in, a checked :class:`HealingModel` out.

Every problem raises :class:`~kinchain.errors.DataFileError` naming the file, the key path and
the bad value, for example ``healing.yaml: classes.muscle.recovery[1].fraction: 1.4 is outside
0..1``.
"""

from __future__ import annotations

from typing import Any

from kinchain.datafile import cite_keys, number, text
from kinchain.errors import DataFileError
from kinchain.tissue.constants import (
    CARE_LEVELS,
    INJURY_KINDS,
    PHASES,
    RULES,
    TISSUE_TYPES,
    CaitCutoff,
    CareFactor,
    Cited,
    FaamCutoffs,
    HealingClass,
    HealingModel,
    KindTissue,
    LifeStageConstants,
    Phase,
    RecoveryPoint,
    Rule,
    Structure,
    StructureDefault,
    TissueClass,
)

__all__ = ["parse_healing"]

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

    def integer(self, raw: Any, key: str, *, low: int, high: int) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise self.fail(key, f"{raw!r} is not a whole number")
        if not low <= raw <= high:
            raise self.fail(key, f"{raw} is outside {low}..{high}")
        return raw

    def choice(self, raw: Any, key: str, options: tuple[str, ...] | list[str]) -> str:
        if raw not in options:
            raise self.fail(key, f"{raw!r} is not one of {list(options)}")
        return str(raw)

    def note(self, raw: dict[str, Any]) -> str:
        return str(raw.get("note", ""))

    def cited(self, raw: Any, key: str, *, low: float = 0.0, high: float = 1.0) -> Cited:
        m = self.mapping(raw, key)
        self.only(m, {"value", "cite", "note"}, key)
        value = number(m, "value", file=self.file, key=key, lo=low, hi=high)
        return Cited(value, cite_keys(m, file=self.file, key=key), self.note(m))


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
        phases.append(Phase(name, end, cite_keys(pm, file=r.file, key=pk), r.note(pm)))
    rec_raw = r.get(m, "recovery", key)
    if not isinstance(rec_raw, list) or not rec_raw:
        raise r.fail(f"{key}.recovery", "expected a non-empty list of {day, fraction} points")
    points: list[RecoveryPoint] = []
    for i, pr in enumerate(rec_raw):
        pk = f"{key}.recovery[{i}]"
        pm = r.mapping(pr, pk)
        r.only(pm, {"day", "fraction", "cite", "note"}, pk)
        day = r.integer(r.get(pm, "day", pk), f"{pk}.day", low=0, high=36500)
        frac = number(pm, "fraction", file=r.file, key=pk, lo=0.0, hi=1.0)
        if i == 0 and day != 0:
            raise r.fail(f"{pk}.day", f"the first point must be day 0, got {day}")
        if points and day <= points[-1].day:
            raise r.fail(f"{pk}.day", f"{day} does not come after day {points[-1].day}")
        if points and frac < points[-1].fraction:
            raise r.fail(
                f"{pk}.fraction", f"{frac:g} falls below the earlier {points[-1].fraction:g}"
            )
        points.append(RecoveryPoint(day, frac, cite_keys(pm, file=r.file, key=pk), r.note(pm)))
    if points[-1].day > last_end:
        raise r.fail(
            f"{key}.recovery[{len(points) - 1}].day",
            f"{points[-1].day} is after the end of remodelling (day {last_end})",
        )
    return HealingClass(
        id=cid,
        label=text(m, "label", file=r.file, key=key),
        blood_supply=text(m, "blood_supply", file=r.file, key=key),
        after_surgery=text(m, "after_surgery", file=r.file, key=key),
        phases=tuple(phases),
        recovery=tuple(points),
        instability=r.cited(r.get(m, "instability", key), f"{key}.instability"),
    )


def parse_healing(doc: Any, /, *, file: str) -> HealingModel:
    """Check the parsed YAML document ``doc`` of ``file`` and build the model."""
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
        kind_tissue[kind] = KindTissue(kind, tissue, cite_keys(m, file=r.file, key=key), r.note(m))
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
            number(m, "stability_share", file=r.file, key=key, lo=0, hi=1),
            cite_keys(m, file=r.file, key=key),
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
            name=text(m, "name", file=r.file, key=key),
            tissue=r.choice(r.get(m, "tissue", key), f"{key}.tissue", TISSUE_TYPES),
            healing_class=r.choice(r.get(m, "class", key), f"{key}.class", list(classes)),
            stability_share=number(m, "stability_share", file=r.file, key=key, lo=0, hi=1),
            cite=cite_keys(m, file=r.file, key=key),
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
                str(site), str(kind), sid, cite_keys(m, file=r.file, key=key), r.note(m)
            )

    rules_raw = r.mapping(r.get(top, "rules", "<file>"), "rules")
    r.only(rules_raw, set(RULES), "rules")
    rules: dict[str, Rule] = {}
    for name in RULES:
        key = f"rules.{name}"
        m = r.mapping(r.get(rules_raw, name, "rules"), key)
        r.only(m, {"cite", "note"}, key)
        rules[name] = Rule(name, cite_keys(m, file=r.file, key=key), r.note(m))

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
    r.only(cm, {"cutoff_total", "stable_above", "max_total", "items", "cite", "note"},
           "questionnaires.cait")
    cait_max = r.integer(r.get(cm, "max_total", "questionnaires.cait"),
                         "questionnaires.cait.max_total", low=1, high=1000)
    cutoff_total = r.integer(r.get(cm, "cutoff_total", "questionnaires.cait"),
                             "questionnaires.cait.cutoff_total", low=0, high=cait_max)
    stable_above = number(cm, "stable_above", file=r.file, key="questionnaires.cait",
                          lo=cutoff_total, hi=cait_max)
    cait = CaitCutoff(
        cutoff_total=cutoff_total,
        stable_above=stable_above,
        max_total=cait_max,
        items=r.integer(r.get(cm, "items", "questionnaires.cait"),
                        "questionnaires.cait.items", low=1, high=100),
        cite=cite_keys(cm, file=r.file, key="questionnaires.cait"),
        note=r.note(cm),
    )
    fk = "questionnaires.faam"
    fm = r.mapping(r.get(q, "faam", "questionnaires"), fk)
    r.only(fm, {"adl_below", "sports_below", "min_answered_fraction", "adl_items",
                "sports_items", "cite", "note"}, fk)
    faam = FaamCutoffs(
        adl_below=number(fm, "adl_below", file=r.file, key=fk, lo=0, hi=100),
        sports_below=number(fm, "sports_below", file=r.file, key=fk, lo=0, hi=100),
        min_answered_fraction=number(
            fm, "min_answered_fraction", file=r.file, key=fk, lo=0.01, hi=1
        ),
        adl_items=r.integer(r.get(fm, "adl_items", fk), f"{fk}.adl_items", low=1, high=100),
        sports_items=r.integer(
            r.get(fm, "sports_items", fk), f"{fk}.sports_items", low=1, high=100
        ),
        cite=cite_keys(fm, file=r.file, key=fk),
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
            number(pm, "factor", file=r.file, key="life_stage.pregnant", lo=0, hi=1),
            cite_keys(pm, file=r.file, key="life_stage.pregnant"), r.note(pm)),
        postpartum=Cited(
            number(ppm, "factor", file=r.file, key="life_stage.postpartum", lo=0, hi=1),
            cite_keys(ppm, file=r.file, key="life_stage.postpartum"), r.note(ppm)),
        postpartum_window_weeks=r.integer(
            r.get(ppm, "window_weeks", "life_stage.postpartum"),
            "life_stage.postpartum.window_weeks", low=1, high=520),
        risk_factor_sites=tuple(rsites),
        risk_factor_cite=cite_keys(rf, file=r.file, key="life_stage.risk_factors"),
        risk_factor_note=r.note(rf),
        relaxin_cite=cite_keys(rx, file=r.file, key="life_stage.relaxin"),
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
