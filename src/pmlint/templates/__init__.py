"""Postmortem templates shipped with pmlint (`pmlint init`).

Each template has every section, a comment on what good looks like, and
placeholders (`ISSUE NAME`, `YYYY-MM-DD`, `TBD`, `[Name]`) that the template-residue
rule reports until they are filled in, so a fresh template never passes by accident.
"""

from __future__ import annotations

import os
from datetime import date
from importlib import resources

from ..errors import PmlintError

FORMATS = {"yaml": "postmortem.yaml", "markdown": "postmortem.md"}
EXTENSIONS = {"yaml": "yaml", "markdown": "md"}


def template_text(fmt: str) -> str:
    return resources.files(__name__).joinpath(FORMATS[fmt]).read_text(encoding="utf-8")


def default_path(fmt: str, today: date | None = None) -> str:
    return f"postmortem-{(today or date.today()).isoformat()}.{EXTENSIONS[fmt]}"


def format_for(path: str | None, fmt: str | None) -> str:
    """The template format for `path`: the format pmlint will read that file as (`.yaml`,
    `.yml`: YAML; `.md`, `.markdown` and anything else: Markdown), which `--format` may
    repeat but never contradict; for a folder or no path, `--format`, else YAML."""
    from ..load import format_of

    if not path or os.path.isdir(path) or path.endswith(("/", os.sep)):
        return fmt or "yaml"
    implied = format_of(path)
    if fmt and fmt != implied:
        kind = "YAML" if implied == "yaml" else "Markdown"
        raise PmlintError(f"--format {fmt} does not match {path}: pmlint reads that name as {kind}; "
                          f"drop --format or name the file .{EXTENSIONS[fmt]}")
    return implied


def write_template(fmt: str | None, path: str | None, force: bool = False) -> str:
    """Write the template for `path` (see `format_for`; default postmortem-YYYY-MM-DD.<ext>
    here) and return the path written. Missing parent folders are created.

    Refuses to replace an existing file unless `force`: a postmortem is someone's work.
    """
    from ..atomic import write_atomic

    chosen = format_for(path, fmt)
    target = path or default_path(chosen)
    if os.path.isdir(target):
        target = os.path.join(target, default_path(chosen))
    if os.path.exists(target) and not force:
        raise PmlintError(f"{target} already exists (use --force to overwrite it)")
    parent = os.path.dirname(target)
    if parent:
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as error:
            raise PmlintError(f"cannot create folder {parent}: {error.strerror or error}") from None
    write_atomic(target, template_text(chosen))
    return target
