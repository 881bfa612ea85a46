"""The rule-pack cache: rule files parsed and validated once, then read back as plain JSON.

Parsing the 56 built-in rule files (71 KB of YAML, mostly examples) and checking them
cost more than linting a document. So the first run writes what it parsed to a cache
file, and later runs read that instead:

- **built-in pack**: one file, `builtin-<key>.json`, keyed on pmlint's version, this
  format's version, and a SHA-256 of every rule file's relative path and bytes (an
  edited rule in a checkout is picked up on the next run); its entries name their files
  relative to the pack, so checkouts of the same pack in different folders share it;
- **user rules** (`rules-dirs`): one file per rule, `rule-<key>.json`, keyed on the
  rule file's bytes, so editing one rule re-reads only that rule.

What is cached is plain data (JSON: it cannot run code) and it is never trusted
blindly: an entry is used only when its format, key and shape are exactly what this
process expects and the file belongs to the current user; anything else is ignored and
rebuilt. The data still goes through `compile_rule`, and an entry that fails to compile
there is re-read from its source file, whose errors are then reported as usual.
Examples are left out (a check run never needs them): `Rule.examples` re-reads the
rule's own file on first use (`pmlint explain`, `pmlint test-rules`, the test suite).

Where: `cache.cache_dir()` (`$PMLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/pmlint`, else
`~/.cache/pmlint`). `PMLINT_NO_CACHE=1` turns it off. A cache that cannot be written
costs nothing but the parse it would have saved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..cache import cache_dir, read_own, write_own

try:  # the built-in SHA-256: `hashlib` loads OpenSSL first, ~3 ms of a ~60 ms run
    from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.11
except ImportError:  # pragma: no cover - 3.12 renamed it; any build still has hashlib
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,no-redef]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment]

#: Bump when the shape of a cache entry changes, or what the YAML loader makes of a rule
#: file does (older entries are then ignored; a release bumps pmlint's version anyway).
#: 2: the built-in pack's entries name their file relative to the pack's folder.
FORMAT = 2
#: Most cache files kept; the oldest go first (user rules edited many times pile up).
MAX_FILES = 64
#: Largest cache file read (the built-in pack's is ~60 KB).
MAX_BYTES = 16 << 20


@dataclass(frozen=True, slots=True)
class RuleSource:
    """One rule file's parsed content, without its examples."""

    path: str
    data: dict[str, Any]
    #: line of `id:` in the file
    line: int


def digest(*parts: bytes) -> str:
    """The cache key of some content: version and format included, so an upgrade rebuilds."""
    hasher = sha256(f"pmlint {__version__} cache {FORMAT}\0".encode())
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()[:32]


def pack_key(directory: Path, files: list[Path]) -> tuple[str, list[bytes]]:
    """(key over every file's relative path and bytes, the bytes read)."""
    contents = [path.read_bytes() for path in files]
    parts: list[bytes] = []
    for path, content in zip(files, contents):
        parts += [path.relative_to(directory).as_posix().encode(), content]
    return digest(*parts), contents


def read(name: str, key: str) -> list[RuleSource] | None:
    """The entries cached under `name`, or None when absent, foreign, stale or malformed."""
    folder = cache_dir()
    if folder is None:
        return None
    raw = read_own(folder / name, MAX_BYTES)  # None when absent or someone else's: not ours to believe
    if raw is None:
        return None
    try:
        payload = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT or payload.get("key") != key:
        return None
    entries = payload.get("rules")
    if not isinstance(entries, list):
        return None
    sources: list[RuleSource] = []
    for entry in entries:
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str)
                and isinstance(entry.get("data"), dict) and type(entry.get("line")) is int):
            return None
        sources.append(RuleSource(entry["path"], entry["data"], entry["line"]))
    return sources


def write(name: str, key: str, sources: list[RuleSource]) -> None:
    """Store `sources` under `name` (atomically; silently skipped when it cannot be written)."""
    folder = cache_dir()
    if folder is None:
        return
    payload = {"format": FORMAT, "key": key,
               "rules": [{"path": source.path, "data": source.data, "line": source.line} for source in sources]}
    try:
        text = json.dumps(payload, separators=(",", ":"), allow_nan=False)
        faithful = json.loads(text)["rules"] == payload["rules"]
    except (TypeError, ValueError):
        faithful = False
    if not faithful:  # a value JSON cannot hold as it is (a number as a mapping key): don't cache
        return
    if write_own(folder, name, text.encode("utf-8")):
        try:
            _prune(folder)
        except OSError:
            pass


def _prune(folder: Path) -> None:
    files = [path for path in folder.iterdir() if path.suffix == ".json"]
    if len(files) <= MAX_FILES:
        return
    files.sort(key=lambda path: path.stat().st_mtime)
    for path in files[: len(files) - MAX_FILES]:
        try:
            path.unlink()
        except OSError:
            pass
