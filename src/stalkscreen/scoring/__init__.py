"""Scoring: pure functions from (definitions, answers, profile) to a Screening."""

from stalkscreen.scoring.engine import score
from stalkscreen.scoring.result import Evidence, InstrumentResult, PromptHit, Screening

__all__ = ["Evidence", "InstrumentResult", "PromptHit", "Screening", "score"]
