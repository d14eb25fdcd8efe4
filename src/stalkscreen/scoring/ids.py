"""Ids of the instruments the scoring plan treats specially (a leaf of the package)."""

from __future__ import annotations

SRP_CONTEXT = "srp-context"
"""The SRP context instrument: the stalking type and the victim's fear (SC-TYPE, SC-HRF)."""
