"""A post whose body is HTML inside Markdown (a CMS export: `<p><b>Remediation plan:</b>`,
`<ul><li>...</li></ul>`) is read as its Markdown twin: sections, plan items and headings
at their source lines. Seen held out (U): a mail outage post listing seven action items in
`<li>` elements was told it had no action items."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import rule_findings, write
from linearity import assert_ten_times_linear
from pmlint.load.markdown.blocks import Block, Cell, parse_blocks
from pmlint.load.markdown.html_blocks import expand_html

_SPAN = '<span style="color: #222222; font-family: arial;">'

POST = (
    "# Mail outage post-mortem\n\n"
    f"<p>{_SPAN}<b>Overview:</b></span><br />{_SPAN}During the afternoon of May 6th mail was delayed by"
    " 1-2 hours; on May 7th we disabled the service, which stayed down until May 10th.</span><br /><br />"
    f"{_SPAN}<b>Remediation plan:</b></span><br /><br />{_SPAN}Our immediate action items:</span><br />\n"
    "  <ul>\n"
    f"    <li>{_SPAN}Update the documentation to diagram the mail flow.</span></li>\n"
    f"    <li>{_SPAN}Add disk health alerts for the mail server's arrays.</span></li>\n"
    "  </ul>\n"
)

#: The same words with the list left out: the plan really is missing.
NO_LIST = POST.split("  <ul>")[0]


def test_action_items_in_html_list_items_are_the_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", POST)
    assert rule_findings(run_cli, path, "PM313") == []
    unowned = rule_findings(run_cli, path, "PM314")
    assert len(unowned) == 1 and "2 open action items" in unowned[0]["message"] and unowned[0]["line"] == 5


def test_without_the_list_the_plan_is_missing(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", NO_LIST)
    assert len(rule_findings(run_cli, path, "PM313")) == 1


def test_the_markdown_twin_reads_the_same(tmp_path, run_cli):
    twin = ("# Mail outage post-mortem\n\n**Overview:**\n\nDuring the afternoon of May 6th mail was delayed.\n\n"
            "**Remediation plan:**\n\nOur immediate action items:\n\n"
            "- Update the documentation to diagram the mail flow.\n- Add disk health alerts for the arrays.\n")
    path = write(tmp_path / "pm.md", twin)
    assert rule_findings(run_cli, path, "PM313") == []


def _blocks(text: str):
    return parse_blocks(text.split("\n"))


def test_laid_out_blocks_keep_their_source_lines_and_columns():
    blocks = _blocks(POST)
    items = [block for block in blocks if block.kind == "item"]
    assert [(block.line, block.text) for block in items] == [
        (5, "Update the documentation to diagram the mail flow."),
        (6, "Add disk health alerts for the mail server's arrays.")]
    assert items[0].column == POST.split("\n")[4].index("Update") + 1
    labels = [block for block in blocks if block.text in ("**Overview:**", "**Remediation plan:**")]
    assert [block.line for block in labels] == [3, 3]
    assert labels[1].column == POST.split("\n")[2].index("<b>Remediation") + 1


def test_html_headings_nested_and_unclosed_items():
    text = ("<h2 id='x'>What happened</h2>\n<ol><li>First step<ul><li>a detail here\n<li>another detail"
            "</ul></li><li>Second step</ol>\n")
    blocks = _blocks(text)
    kinds = [(block.kind, block.text, block.level, block.parent, block.ordered) for block in blocks]
    assert kinds == [("heading", "What happened", 2, -1, False),
                     ("item", "First step", 0, -1, True),
                     ("item", "a detail here", 1, 1, False),
                     ("item", "another detail", 1, 1, False),
                     ("item", "Second step", 0, -1, True)]
    assert [block.line for block in blocks] == [1, 2, 2, 3, 3]


def test_comments_images_and_scripts_stay_opaque():
    for text in ("<!-- What are the action items? <p>Describe them</p> -->",
                 "<img src='x.png'>\n<p>a caption of five words or more</p>"):
        assert [block.kind for block in _blocks(text)] == ["html"], text


def test_a_table_is_read_as_its_markdown_twin():
    """(Tables stayed opaque until pandoc's wiki exports, whose timeline and plan tables are
    HTML, showed a plan unread: "No action items" beside two.)"""
    blocks = _blocks("<table><tr><th>Time</th><th>Event</th></tr>\n<tr><td>10:00</td><td><p>Event "
                     "<b>happened</b> here &amp; today</p></td></tr></table>")
    assert [block.kind for block in blocks] == ["table"]
    assert [cell.text for cell in blocks[0].header] == ["Time", "Event"]
    assert [[(cell.text, cell.line) for cell in row] for row in blocks[0].rows] == [
        [("10:00", 2), ("Event happened here & today", 2)]]
    blocks = _blocks("<div><script>var plan = '<li>not an item</li>';</script><p>We will add alerts to the disks.</p></div>")
    assert [(block.kind, block.text) for block in blocks] == [("paragraph", "We will add alerts to the disks.")]


def test_entities_and_bold_are_plain_text():
    blocks = _blocks("<p><strong> Impact: </strong>&nbsp;All users &amp; admins were locked out for 30&#160;minutes.</p>")
    assert [block.text for block in blocks] == ["**Impact:** All users & admins were locked out for 30 minutes."]


_HTML_PIECES = st.sampled_from(["<p>", "</p>", "<br/>", "<li>", "</li>", "<ul>", "</ul>", "<ol>", "<h3>", "</h3>",
                                "<b>", "</b>", "<script>", "</script>", "<!-- c -->", "&amp;", "&nbsp;", "\n", "  ",
                                "<", ">", "word ", "Action items:", "We will fix it. "])


@settings(max_examples=200, deadline=None)
@given(st.lists(_HTML_PIECES, min_size=1, max_size=60))
def test_any_html_body_lays_out_inside_its_lines(pieces):
    text = "<div>" + "".join(pieces)
    lines = text.split("\n")
    for block in parse_blocks(lines):
        assert 1 <= block.line <= block.end_line <= len(lines)
        assert block.column >= 1
        if block.kind in ("paragraph", "item", "heading"):
            assert block.text == block.text.strip() and block.text


def test_laying_out_html_is_linear():
    units = {
        "items": "<li>Improve <b>monitoring</b> of the mail &amp; disks</li>\n",
        "unclosed items": "<li>an item never closed <ul>",
        "one long line": "<span>x</span><br/>",
        "unclosed script": "<p>text</p><script>",
        "bold runs": "<b> </b>",
    }
    # the layout alone, on one HTML block built untimed (a whole parse also times the
    # collector on the full suite's heap)
    def block(copies, unit):
        text = "<div>" + unit * copies
        lines = text.split("\n")
        return [Block("html", 1, len(lines), text=text)], lines

    for label, unit in units.items():
        assert_ten_times_linear(lambda built: expand_html(*built, Cell), 1_000, label,
                                setup=lambda copies, unit=unit: block(copies, unit))


def test_a_line_break_inside_an_item_keeps_the_item_whole():
    blocks = _blocks("<ul><li>Add disk alerts<br/>Owner: @dana, due: 2024-05-01</li></ul>")
    assert [(block.kind, block.text) for block in blocks] == [("item", "Add disk alerts Owner: @dana, due: 2024-05-01")]


def test_a_commented_out_item_is_no_item():
    blocks = _blocks("<ul><li>Add disk alerts to the mail servers</li><!-- <li>an old item</li> --></ul>")
    assert [block.text for block in blocks] == ["Add disk alerts to the mail servers"]
    assert [block.kind for block in _blocks("<div><!-- never closed <li>x</li> <p>words words words words</p>")] == ["html"]


def test_an_entity_line_break_adds_no_line():
    blocks = _blocks("<p>one &#10; two &#10; three words here</p>\n<p>the second paragraph of text</p>")
    assert [(block.line, block.end_line) for block in blocks] == [(1, 1), (2, 2)]


def test_many_findings_on_one_long_line_cost_each_a_window(run_cli, tmp_path):
    # an HTML plan on one line: each item a finding on that line; the text report shows a
    # window of it per finding, so its cost grows with the findings, not findings x line
    def run(copies):
        path = write(tmp_path / f"pm{copies}.md", "# Outage\n\n<ul>" + "<li>Add alert</li>" * copies + "</ul>\n")
        code, out, err = run_cli("check", "--no-color", "--exit-zero", "--select", "PM311", str(path))
        assert code == 0, err
    assert_ten_times_linear(run, 200, "one-line plan")
