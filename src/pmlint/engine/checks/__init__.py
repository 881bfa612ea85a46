"""Durability checks: the functions that need domain logic (layers, band-aids, on-call, time).

Each module registers its checks with `pmlint.engine.functions.check`; importing
this package registers them all. Helpers shared between modules live in `_shared`
(items, word lists, severity) and `_time` (timeline arithmetic).
"""

from . import action_items, common, detection, document, impact, language, learning, on_call, root_cause, timeline  # noqa: F401
