"""Loading: the only stage that knows about file formats (bytes → Document)."""

from __future__ import annotations

from ..model import Document, Problem, Span
from ..safe_io import NotRegularFile, TooLarge, read_limited
from .limits import DEFAULT_MAX_BYTES, MAX_FILE_BYTES_CEILING, decode, too_large

YAML_SUFFIXES = (".yaml", ".yml")


def format_of(path: str) -> str:
    """`yaml` or `markdown`, by file name; files without a known suffix are read as Markdown."""
    lowered = path.lower()
    if lowered.endswith(YAML_SUFFIXES):
        return "yaml"
    return "markdown"


def load_text(path: str, text: str, settings: dict | None = None) -> Document:
    """Text → Document with the loader for `path`'s format."""
    if format_of(path) == "yaml":
        from .yaml import load_yaml

        return load_yaml(path, text)
    from .markdown import load_markdown

    return load_markdown(path, text, settings or {})


def load_path(path: str, settings: dict | None = None, display_path: str | None = None) -> Document:
    """Read and load one file. Never raises for bad content or unreadable files:
    those become Problems, which the PM0xx rules report."""
    settings = settings or {}
    shown = display_path or path
    limit = min(int(settings.get("max_file_bytes", DEFAULT_MAX_BYTES)), MAX_FILE_BYTES_CEILING)
    fmt = format_of(path)
    try:
        raw = read_limited(path, limit)
    except NotRegularFile:  # a FIFO or socket would block the read forever, /dev/zero never ends
        return _broken(shown, fmt, Problem("unreadable", "Not a regular file (a FIFO, socket or device); not read",
                                           Span.point(1)))
    except TooLarge as error:
        return _broken(shown, fmt, too_large(error.size, limit))
    except OSError as error:
        return _broken(shown, fmt, Problem("unreadable", f"Cannot read file: {error.strerror or error}", Span.point(1)))
    return load_bytes(raw, shown, settings)


def load_bytes(raw: bytes, path: str, settings: dict | None = None) -> Document:
    """Bytes already read (at most the limit + 1, e.g. from standard input) → Document,
    with the loader for `path`'s format. Too many bytes is a finding, as for files."""
    settings = settings or {}
    shown, fmt = path, format_of(path)
    limit = min(int(settings.get("max_file_bytes", DEFAULT_MAX_BYTES)), MAX_FILE_BYTES_CEILING)
    if len(raw) > limit:
        return _broken(shown, fmt, too_large(len(raw), limit))
    decoded = decode(raw)
    if decoded.problem is not None:
        return _broken(shown, fmt, decoded.problem)
    return load_text_contained(shown, decoded.text or "", settings)


def load_text_contained(path: str, text: str, settings: dict | None = None) -> Document:
    """`load_text`, with a loader bug contained to this document: a PM001 finding naming
    the error instead of an internal error that ends the run with no report at all."""
    try:
        return load_text(path, text, settings)
    except (RecursionError, MemoryError) as error:
        return _broken(path, format_of(path), Problem(
            "too-deep", f"Document too complex to load ({type(error).__name__}); not checked", Span.point(1)))
    except Exception as error:  # noqa: BLE001 - a loader bug must not take down the run
        return _broken(path, format_of(path), Problem(
            "loader-error", f"pmlint could not load this document: internal error {type(error).__name__}: {error} "
            "(please report it, with the file)", Span.point(1)))


def _broken(path: str, fmt: str, problem: Problem) -> Document:
    return Document(path=path, format=fmt, lines=[], data={}, problems=[problem])
