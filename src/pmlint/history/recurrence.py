"""Which incidents come back: shared services, shared root-cause themes, shared tags and
explicit `related_incidents` links, grouped with a union-find.

Root-cause themes compare the word sets of incidents' root-cause summaries (Jaccard
similarity ≥ THEME_SIMILARITY). Comparing every pair would be O(n²) on 10,000
documents, so candidates come from an inverted index: each incident is compared only
with the first POSTINGS_SCANNED earlier incidents that share one of its RAREST_TOKENS
rarest words, and stops at the first similar one. One link to an earlier member is
enough for a union-find to join a whole theme, and the work per incident is bounded, so
the pass is linear in the number of incidents.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Sequence

from ..grammar import singular

THEME_SIMILARITY = 0.5
RAREST_TOKENS = 4
POSTINGS_SCANNED = 40
MIN_THEME_WORDS = 3

_WORD = re.compile(r"[a-z][a-z0-9]+(?:-[a-z0-9]+)*")
STOPWORDS = frozenset("""
a an the and or but of to in on at by for from with without into onto over under after before during
is are was were be been being it its this that these those there their they them we our us you your
not no nor so as than then too very can could would should will shall may might must do does did done
has have had having all any each every some such only own same other more most less least few many
which who whom whose what when where why how if while because about against between through up down out
off again further once here also just one two three new old via per
""".split())


def cause_words(texts: Iterable[str]) -> frozenset[str]:
    """The words that carry a root cause's meaning: lower case, no stopwords, crude plural folding."""
    words = set()
    for text in texts:
        for word in _WORD.findall(text.lower()[:2000]):
            if word in STOPWORDS or len(word) < 3:
                continue
            words.add(singular(word))
    return frozenset(words)


class UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = {}
        for item in range(len(self.parent)):
            found.setdefault(self.find(item), []).append(item)
        return [members for members in found.values() if len(members) > 1]


def theme_groups(word_sets: Sequence[frozenset[str]]) -> list[list[int]]:
    """Indexes of incidents whose root causes share a theme, grouped (groups of 2 or more)."""
    frequency: Counter[str] = Counter()
    for words in word_sets:
        frequency.update(words)
    postings: dict[str, list[int]] = {}
    union = UnionFind(len(word_sets))
    for index, words in enumerate(word_sets):
        if len(words) < MIN_THEME_WORDS:
            continue
        rarest = sorted(words, key=lambda word: (frequency[word], word))[:RAREST_TOKENS]
        seen: set[int] = set()
        for word in rarest:
            for other in postings.get(word, ())[:POSTINGS_SCANNED]:
                if other in seen:
                    continue
                seen.add(other)
                theirs = word_sets[other]
                shared = len(words & theirs)
                if shared and shared / (len(words) + len(theirs) - shared) >= THEME_SIMILARITY:
                    union.union(index, other)
                    break  # one link to an earlier member joins the whole theme
            else:
                continue
            break
        for word in rarest:
            postings.setdefault(word, []).append(index)
    return union.groups()


def theme_label(word_sets: Sequence[frozenset[str]], members: Sequence[int], size: int = 4) -> str:
    """The words most members share, most shared first: a name for the theme."""
    counts: Counter[str] = Counter()
    for index in members:
        counts.update(word_sets[index])
    return " ".join(word for word, _ in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:size])
