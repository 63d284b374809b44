"""The program's closed vocabularies, apart from the schema modules that check the data files
against them, so that reading a word does not create the models (a schema module loads when its
file is read). The habit areas are the keys of :data:`kinchain.program.model.HABIT_AREA_LABELS`."""

from __future__ import annotations

__all__ = [
    "CONTRAINDICATION_KEYS",
    "GENERAL_CONTRAINDICATIONS",
    "HABIT_CONDITIONS",
    "PARAMS",
    "PHASE_CONDITIONS",
    "QUALITIES",
    "RULE_IDS",
    "TAGS",
]

#: what an exercise trains
QUALITIES = (
    "mobility", "stability", "strength", "proprioception", "breathing", "gait", "relaxation",
)  # fmt: skip
#: what an exercise involves that a rule may act on
TAGS = (
    "pelvic_floor", "breathing_pattern", "toes", "plantar_fascia", "carrying", "runner",
    "high_impact", "supine", "prone", "unstable_surface", "loaded",
)  # fmt: skip
#: the flags an exercise may carry against a client's state
CONTRAINDICATION_KEYS = (
    "pregnant_from_week", "postpartum_before_week", "severe_pain", "recent_surgery",
    "symptom_free", "screening",
)  # fmt: skip
#: contraindications that hold for every exercise, with no flag on the exercise
GENERAL_CONTRAINDICATIONS = ("recent_injury", "pelvic_floor")
#: the numbers each contraindication needs
PARAMS: dict[str, tuple[str, ...]] = {
    "pregnant_from_week": ("lookahead_weeks",),
    "severe_pain": ("pain_at_least",),
    "recent_surgery": ("months",),
    "symptom_free": ("max_pain",),
    "recent_injury": ("several_at_least", "pain_at_least"),
}
PHASE_CONDITIONS = (
    "routine_qualities", "routine_tags", "no_routine_tags", "life_stage", "runs", "habit_areas",
)  # fmt: skip
HABIT_CONDITIONS = (
    "footwear_any", "footwear_toe_box", "footwear_heel_mm_at_least", "footwear_kinds",
    "sitting_hours_at_least", "sleep_position", "lifting", "carrying", "breathing",
    "activity_kinds", "injury_or_pain", "life_stage",
)  # fmt: skip
#: the rules a check-in applies, each with its own citations (``checkins.yaml``)
RULE_IDS = ("pain_rise", "streak", "make_room", "restore", "flare", "provisional")
