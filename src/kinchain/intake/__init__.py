"""The client's intake: the model, and loading files with every problem reported at once."""

from kinchain.intake.load import load_intake, parse_intake
from kinchain.intake.model import (
    Activity,
    Carrying,
    Clearance,
    Client,
    Footwear,
    Habits,
    Injury,
    Intake,
    LifeStage,
    Pain,
    PartialDate,
    Questionnaires,
    ReferralClearance,
    Side,
)
from kinchain.intake.refs import (
    ActivityRef,
    InjuryRef,
    InjuryRefs,
    IntakeRef,
    injuries_by_ref,
    named_together,
)
from kinchain.intake.screening import ScreeningQuestion, screening_questions

__all__ = [
    "Activity",
    "ActivityRef",
    "Carrying",
    "Clearance",
    "Client",
    "Footwear",
    "Habits",
    "Injury",
    "InjuryRef",
    "InjuryRefs",
    "Intake",
    "IntakeRef",
    "LifeStage",
    "Pain",
    "PartialDate",
    "Questionnaires",
    "ReferralClearance",
    "ScreeningQuestion",
    "Side",
    "injuries_by_ref",
    "load_intake",
    "named_together",
    "parse_intake",
    "screening_questions",
]
