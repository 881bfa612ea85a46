"""A list item that is only a section's name and a colon, its content nested under it
(held-out S, an exam service's incident log written in reStructuredText style):
"* Summary:" over sub-bullets is the summary, "* Solution:" the resolution. Before, the
document read as nothing but its title. A plan label of this kind ("- Corrective
actions:") is left to the plan's own readers: such lists are often steps told as done."""

from __future__ import annotations

from conftest import write

DOC = """# Incident reports

15.07.2020
==========

* Summary:

  * The laptops' clocks did not sync because the firewall blocked the time server.
* Solution:

  * Allow the time server through the firewall and rebuild the image
"""


def test_plain_label_items_open_their_sections(tmp_path, run_cli):
    code, out, _ = run_cli("convert", str(write(tmp_path / "pm.md", DOC)))
    assert "summary: The laptops' clocks did not sync" in out
    assert "resolution: Allow the time server through the firewall" in out


def test_a_label_item_with_text_after_the_colon_is_an_ordinary_item(tmp_path, run_cli):
    text = DOC.replace("* Summary:\n", "* Summary: see the ticket\n")
    code, out, _ = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert "summary: The laptops' clocks" not in out


def test_a_fix_told_as_steps_makes_a_missing_plan_pedantic(tmp_path, run_cli):
    from conftest import rule_findings

    text = DOC + "* Solutions:\n\n  * Double the memory request per student\n  * Ask the data centre for a bigger node\n"
    path = write(tmp_path / "pm.md", text.replace("* Solution:\n\n  * Allow the time server through the firewall and "
                                                  "rebuild the image\n", ""))
    assert rule_findings(run_cli, path, "PM313") == []
    assert len(rule_findings(run_cli, path, "PM313", preset="strict")) == 1


def test_a_fix_told_as_done_still_asks_for_a_plan(tmp_path, run_cli):
    from conftest import rule_findings

    text = DOC.replace("  * Allow the time server through the firewall and rebuild the image\n",
                       "  * The time server was allowed through the firewall.\n  * The image was rebuilt.\n")
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")) == 1
