"""A breakage told by its days (held-out T): "On 2023-09-04 #8293 was merged ... This was
noticed on 2023-09-12 and fixed on 2023-09-13", then "The affected packages:" over a list.

- PM011: the days of the fault, its discovery and its fix outline the timeline
  (strict-only note, not a warning).
- PM601: the days from the change to the fix say how long (inferred, nine days), and the
  list led in by "The affected packages:" says what was hit, outside any impact section.
"""

from __future__ import annotations

from conftest import rule_findings, write

DOC = """# Postmortems

## 2023-09-12

### Problem

On 2023-09-04 pull request 8293 was merged which raised the minimum version of the
extension. This prevented several packages in the benchmark from building.

### Solution

This was {noticed} and {fixed}. Patching the affected packages to the new version let them
build again.

The affected packages:
 - colibrics
 - eris
 - flint

### Follow-up

- [ ] Pin the extension's version in the benchmark's lock file
"""


def _doc(tmp_path, noticed="noticed on 2023-09-12", fixed="fixed on 2023-09-13"):
    return write(tmp_path / "pm.md", DOC.format(noticed=noticed, fixed=fixed))


def test_days_of_discovery_and_fix_outline_the_timeline(tmp_path, run_cli):
    path = _doc(tmp_path)
    assert [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]] == []
    assert len([f for f in rule_findings(run_cli, path, "PM011", preset="strict")
                if "timeline" in f["message"]]) == 1


def test_without_days_the_timeline_is_missing(tmp_path, run_cli):
    path = _doc(tmp_path, noticed="noticed later", fixed="fixed soon after")
    found = [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]]
    assert len(found) == 1 and found[0]["severity"] == "warning"


def test_days_from_change_to_fix_and_a_list_of_affected_answer_the_impact(tmp_path, run_cli):
    assert rule_findings(run_cli, _doc(tmp_path), "PM601") == []


def test_without_the_fix_day_how_long_is_still_asked(tmp_path, run_cli):
    found = rule_findings(run_cli, _doc(tmp_path, fixed="fixed soon after"), "PM601")
    assert len(found) == 1 and "how long" in found[0]["message"] and "3 items listed as affected" in found[0]["message"]


def test_day_marks_read_in_linear_time():
    from linearity import assert_ten_times_linear

    from pmlint.load import load_text
    from pmlint.infer.window import day_marks

    def build(copies: int):
        text = "# X\n\n## Summary\n\n" + ("On 2023-09-04 " + "word " * 15 + "was merged. ") * copies
        return load_text("pm.md", text)

    assert_ten_times_linear(lambda document: day_marks(document), 200, "day marks", setup=build)
