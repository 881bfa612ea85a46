"""Property tests: whatever text or bytes arrive, loading and linting never raise.

The strategies build input the way a broken postmortem looks: YAML-ish lines with
anchors, aliases, merges, flow collections, tags, tabs and comments; Markdown with
headings, tables, lists, front matter and HTML comments; and raw bytes.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_path, load_text
from pmlint.settings import merge_settings

RULES = load_rules()
OPTIONS = RunOptions(settings=merge_settings(None), severity={})
FAST = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))

KEYS = st.sampled_from(["title", "summary", "impact", "timeline", "root_causes", "action_items", "on_call",
                        "owner", "due", "at", "event", "kind", "layer", "<<", "? x", "a b", "", "id", "severity"])
SCALARS = st.one_of(
    st.sampled_from(["SEV1", "2023-04-12T14:02:00Z", "null", "~", "yes", "0x1F", ".inf", "-", "'quoted'",
                     '"dq \\u00e9 \\x00"', "|", ">-", "should have", "human error", "TODO", "12:30", "1e3", "{}",
                     "[]", "*a", "&a x", "!!str 5", "!!python/object:os.system x", "!tag v", "%YAML 1.2", "---",
                     "...", "@x", "`x`", "#c", "x # pmlint: disable=PM301", "# pmlint: disable-file=ALL -- why",
                     "# pmlint: disble=PM3"]),
    st.text(max_size=30),
)
INDENT = st.sampled_from(["", "  ", "    ", "\t", " \t", "      ", "- ", "  - ", "? ", ": "])


@st.composite
def yaml_line(draw) -> str:
    indent = draw(INDENT)
    shape = draw(st.integers(0, 9))
    key, value = draw(KEYS), draw(SCALARS)
    anchor = draw(st.sampled_from(["", "&a ", "&b ", "*a", "*b"]))
    if shape == 0:
        return f"{indent}{key}: {anchor}{value}"
    if shape == 1:
        return f"{indent}- {anchor}{value}"
    if shape == 2:
        return f"{indent}{key}: [{value}, {anchor or 'x'}, {{k: {value}}}]"
    if shape == 3:
        return f"{indent}{key}: {{{key}: {value}, <<: *a}}"
    if shape == 4:
        return f"{indent}{key}:"
    if shape == 5:
        return f"{indent}<<: {draw(st.sampled_from(['*a', '[*a, *b]', '{x: 1}', 'x']))}"
    if shape == 6:
        return indent + draw(st.sampled_from(["[", "]", "{", "}", "'", '"', "|", ">", "---", "...", "%TAG ! x"]))
    if shape == 7:
        return f"{indent}{value}"
    if shape == 8:
        return f"{indent}{key}: !{draw(st.sampled_from(['!str', '!int', '!!map', 'x', '!python/name:os.system']))} {value}"
    return f"{indent}# {value}"


YAML_TEXT = st.lists(yaml_line(), max_size=40).map("\n".join)

MARKDOWN_LINE = st.one_of(
    st.sampled_from([
        "# Checkout outage", "## Summary", "## Impact", "### Timeline", "## Root causes", "## Action items",
        "## Lessons learned", "## What went well", "| Action | Owner | Due | Priority | Ticket |", "|---|---|---|",
        "| Add alert | @sre | 2023-05-01 | P1 | OPS-1 |", "| broken | row", "- [ ] Add alert (owner: sre, due: 2023-05-01)",
        "- [x] done", "- 14:02 UTC cache failed", "* 2023-04-12 14:07 detected", "1. first", "---", "title: x",
        "severity: SEV1", "<!-- pmlint: disable=PM701 -- quoting -->", "<!-- pmlint: disable-file=ALL", "```",
        "```yaml", "    code", "> quote", "[architecture] the design", "Layer: code", "Someone should have known",
        "<script>alert(1)</script>", "\x1b[31mred", "", "   ", "\t- tabbed", "\u202e", "&amp; &#0;",
    ]),
    st.text(max_size=40),
)
MARKDOWN_TEXT = st.lists(MARKDOWN_LINE, max_size=40).map("\n".join)


def lint_text(path: str, text: str) -> None:
    document = load_text(path, text)
    assert isinstance(document.data, dict)
    findings = lint_document(document, RULES, OPTIONS)
    assert not [finding for finding in findings if finding.rule_id == "PM009"], findings


@FAST
@given(st.binary(max_size=2_000), st.sampled_from(["pm.yaml", "pm.md"]))
def test_arbitrary_bytes_never_raise(tmp_path_factory, raw, name):
    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(raw)
    document = load_path(str(path))
    findings = lint_document(document, RULES, OPTIONS)
    assert not [finding for finding in findings if finding.rule_id == "PM009"], findings


@FAST
@given(YAML_TEXT)
def test_yaml_shaped_text_never_raises(text):
    lint_text("pm.yaml", text)


@FAST
@given(st.text(max_size=500))
def test_arbitrary_text_as_yaml_never_raises(text):
    lint_text("pm.yaml", text)


@FAST
@given(MARKDOWN_TEXT)
def test_markdown_shaped_text_never_raises(text):
    lint_text("pm.md", text)


@FAST
@given(YAML_TEXT, MARKDOWN_TEXT)
def test_markdown_with_front_matter_never_raises(front, body):
    lint_text("pm.md", f"---\n{front}\n---\n{body}")
