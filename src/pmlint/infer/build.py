"""`build_profile`: a document's durability profile, stated facts first.

Its own module so that `profile.py` (the shapes) and `stated.py` (reading stated facts
into them) do not import each other.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..model import Document
from ..settings import DEFAULT_SETTINGS
from .fill import infer_missing
from .profile import Profile
from .stated import stated_profile


def build_profile(document: Document, settings: Mapping[str, Any] | None = None) -> Profile:
    """The profile of `document`: the facts it states, then what pmlint infers for the
    ones it leaves unknown (severity from impact, layers and item types from their
    words, on-call burden from prose and night work, detection, repeats). Settings
    not given fall back to pmlint's defaults, so `pmlint report` and the rules agree."""
    merged = {**DEFAULT_SETTINGS, **(settings or {})}
    return infer_missing(document, stated_profile(document, merged), merged)
