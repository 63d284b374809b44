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
from kinchain.intake.screening import ScreeningQuestion, screening_questions

__all__ = [
    "Activity",
    "Carrying",
    "Clearance",
    "Client",
    "Footwear",
    "Habits",
    "Injury",
    "Intake",
    "LifeStage",
    "Pain",
    "PartialDate",
    "Questionnaires",
    "ReferralClearance",
    "ScreeningQuestion",
    "Side",
    "load_intake",
    "parse_intake",
    "screening_questions",
]
