"""Rule codes as people write them: ids, names, categories (PM3), ALL, and typos of them.

Its own module, importing nothing of pmlint, because configuration (select/ignore),
the engine (suppression comments) and the CLI (`explain`) all match codes.
"""

from __future__ import annotations

from typing import Any, Iterable


def matches_code(code: str, rule_id: str, rule_name: str) -> bool:
    """`code` is ALL, a rule's id or name, or an id prefix (PM3 = the whole category)."""
    if code.upper() == "ALL":
        return True
    return code == rule_name or rule_id == code.upper() or (
        len(code) < len(rule_id) and rule_id.startswith(code.upper()))


def closest_code(code: str, rules: Iterable[Any], categories: bool = True) -> str | None:
    """The rule id, name (or, with `categories`, category) a mistyped `code` most likely
    means: look-alike letters first (PM7O1 → PM701, PMl01 → PM101), then the closest spelling."""
    import difflib  # only for a mistyped code: not worth its import on every run

    rules = list(rules)
    ids = {rule.id for rule in rules} | ({rule.id[:3] for rule in rules} if categories else set())
    upper = code.upper()
    lookalike = upper[:2] + upper[2:].translate(str.maketrans("OIL", "011"))  # PM7O1 → PM701
    if lookalike != upper and lookalike in ids:
        return lookalike
    for word, candidates in ((upper, sorted(ids)), (code.lower(), sorted(rule.name for rule in rules))):
        match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        if match:
            return match[0]
    return None


def suggest_code(code: str, rules: Iterable[Any]) -> str:
    """` (did you mean 'PM701'?)` for a mistyped rule id, name or category, or empty."""
    closest = closest_code(code, rules)
    return f" (did you mean {closest!r}?)" if closest else ""
