"""Inference: what a postmortem leaves implicit, filled in as facts with provenance.

    Document ──infer──▶ Profile (stated facts first, inferred ones marked, each with evidence)

The durability profile of one postmortem is the contract between three consumers:
the rules (which run on stated-or-inferred severity and layers), `pmlint check
--profile` / JSON / SARIF (which show it), and `pmlint report` (which aggregates it
across a history). This package reads only the document model; it never imports the
engine, the configuration loader, the CLI or the reporters.
"""

from .facts import Fact
from .build import build_profile
from .profile import CauseProfile, ItemProfile, OnCallBurden, Profile

__all__ = ["Fact", "CauseProfile", "ItemProfile", "OnCallBurden", "Profile", "build_profile"]
