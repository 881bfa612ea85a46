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


def write_template(fmt: str, path: str | None, force: bool = False) -> str:
    """Write the `fmt` template to `path` (default: postmortem-YYYY-MM-DD.<ext>); returns the path.

    Refuses to replace an existing file unless `force`: a postmortem is someone's work.
    """
    from ..atomic import write_atomic

    target = path or default_path(fmt)
    if os.path.isdir(target):
        target = os.path.join(target, default_path(fmt))
    if os.path.exists(target) and not force:
        raise PmlintError(f"{target} already exists (use --force to overwrite it)")
    write_atomic(target, template_text(fmt))
    return target
