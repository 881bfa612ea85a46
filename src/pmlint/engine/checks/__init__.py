"""Durability checks: the functions that need domain logic (layers, band-aids, on-call, time).

Each module registers its checks with `pmlint.engine.functions.check`; importing
this package registers them all. Helpers shared between modules live in `_shared`
(items, word lists, severity) and `_time` (timeline arithmetic).

The contract every check here keeps (what makes it code rather than a rule file's data
is named in each module's own "Contract" paragraph, and listed in the README's
"Writing your own rules"):

- **Inputs**: the node the rule's `given` selects (`$` for most: they read several
  parts of the document), the rule's options (validated against the schema the
  `@check` declares, `{setting: NAME}` resolved), and the `Context`: settings, the
  document's `meta.evidence` (the loaders' whole-document search) and, for a check
  declared `infers=True`, the durability profile's inferred facts.
- **Outputs**: `Hit`s: a JSON pointer (or the phrase and its occurrence, for an exact
  column), values for the rule's message, and a `variant` naming one of its
  `messages:`; no text of the message is written here.
- **Guarantees**: any value of any type is read without raising (a malformed field is
  skipped, never an internal error); text is scanned in linear time; nothing is
  reported missing before the whole document is searched (`evidence`); a hit that
  rests on an inferred fact says so (the engine marks it and caps its severity).
"""

from . import action_items, common, detection, document, impact, language, learning, on_call, ownership, root_cause, timeline, weaknesses  # noqa: F401
