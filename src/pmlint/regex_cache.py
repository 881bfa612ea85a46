"""Regular expressions compiled once, then kept between runs.

pmlint's word lists, evidence patterns and timeline grammar are long alternations
(hundreds of phrases). Python compiles a regex with a parser written in Python, so
compiling them cost more of a one-file run than linting the file. `compile(pattern,
flags)` is `re.compile` served from a file in pmlint's cache folder (`cache.py`) that
holds, for each pattern an earlier run compiled here, the code Python's regex compiler
produced for it; `_sre.compile`, the C half of `re`, turns that code back into the very
same Pattern in microseconds (a pattern with 1,500 phrases: ~5 µs instead of ~5 ms).
The code of patterns compiled in this run is worked out and written once, at exit, and
only when there are new ones.

What comes through here: patterns written in pmlint's code, and the word lists of its
settings and rule options. Never text from a postmortem (author names, quoted
phrases): those are compiled with `re` as usual, so the cache holds no document content
and does not grow with the documents linted.

Trust, as for the rule-pack cache: the file is read only when it belongs to the current
user; its name carries the exact Python build and the regex engine's version
(`_sre.MAGIC`), whose code format is private and may change with either; every entry
must have the expected shape, and `_sre` validates the code it is given (invalid code
raises instead of running). Anything else is ignored and the pattern compiled as usual.
`PMLINT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from binascii import crc32
from pathlib import Path
from typing import Any

from .cache import cache_dir, read_own, write_own

try:
    import _sre  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - another implementation of Python: no cache
    _sre = None  # type: ignore[assignment]

#: Most patterns kept in the file: this run's first, then earlier ones.
MAX_ENTRIES = 1024
#: Largest file read (pmlint's ~200 patterns take ~0.5 MB).
MAX_BYTES = 16 << 20
#: Bump when the layout of an entry changes.
FORMAT = 1

#: (pattern, flags given, flags of the compiled pattern, code, groups, groupindex, indexgroup)
Entry = tuple[str, int, int, list[int], int, dict[str, int], tuple[Any, ...]]

_stored: dict[tuple[str, int], Entry] | None = None
_compiled: dict[tuple[str, int], re.Pattern[str]] = {}
_used: set[tuple[str, int]] = set()
_new: set[tuple[str, int]] = set()
_owner = os.getpid()


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, restored from an earlier run's compilation when there is one."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is not None:
        return found
    entry = _load().get(key)
    restored = _restore(entry) if entry is not None else None
    if restored is not None:
        _used.add(key)
        found = restored
    else:
        found = re.compile(pattern, flags)
        _new.add(key)
    _compiled[key] = found
    return found


def file_name() -> str | None:
    """The cache file's name for this Python and regex engine; None when there is no `_sre`."""
    if _sre is None:
        return None
    build = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}-{FORMAT}"
    # the full version string names the build (date, compiler): a rebuilt Python is another cache
    return f"regex-{build}-{crc32(sys.version.encode()):08x}.marshal"


def _load() -> dict[tuple[str, int], Entry]:
    """The stored entries (read on first use; empty when there is no usable file)."""
    global _stored
    if _stored is not None:
        return _stored
    _stored = {}
    folder, name = cache_dir(), file_name()
    if folder is None or name is None:
        return _stored
    atexit.register(_save)
    raw = read_own(folder / name, MAX_BYTES)
    if raw is None:
        return _stored
    try:
        payload = marshal.loads(raw)
    except (ValueError, EOFError, TypeError):
        return _stored
    if isinstance(payload, list):
        _stored = {(entry[0], entry[1]): entry for entry in payload if _well_formed(entry)}
    return _stored


def _well_formed(entry: Any) -> bool:
    return (type(entry) is tuple and len(entry) == 7 and type(entry[0]) is str and type(entry[1]) is int
            and type(entry[2]) is int and type(entry[3]) is list and type(entry[4]) is int
            and type(entry[5]) is dict and type(entry[6]) is tuple)


def _restore(entry: Entry) -> re.Pattern[str] | None:
    pattern, _, flags, code, groups, groupindex, indexgroup = entry
    try:
        return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    except Exception:  # RuntimeError for invalid code, TypeError/OverflowError for odd values
        return None


def _entry(pattern: str, flags: int) -> Entry | None:
    """What `re` compiles `pattern` to, as data; None when this Python's `re` works otherwise
    (its compiler is private) or the result would not be the same Pattern."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = [int(item) for item in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for group_name, index in groupindex.items():
            indexgroup[index] = group_name
        entry: Entry = (pattern, flags, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex,
                        tuple(indexgroup))
        return entry if _restore(entry) == re.compile(pattern, flags) else None
    except Exception:
        return None


def _save() -> None:
    """At exit: store the patterns this run compiled, when there are new ones."""
    if os.getpid() != _owner or not _new or _stored is None:
        return  # a forked worker, or nothing new
    folder, name = cache_dir(), file_name()
    if folder is None or name is None or not _writable(folder):
        return  # working out the new entries costs a compilation each: not for nothing
    fresh = [entry for key in sorted(_new) if (entry := _entry(*key)) is not None]
    used = [entry for key, entry in _stored.items() if key in _used]
    rest = [entry for key, entry in _stored.items() if key not in _used and key not in _new]
    try:
        data = marshal.dumps((fresh + used + rest)[:MAX_ENTRIES])
    except ValueError:
        return
    write_own(folder, name, data)
    _new.clear()


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)
