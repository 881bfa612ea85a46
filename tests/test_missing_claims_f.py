"""A "missing" claim only where the text lacks it, at the weight a reviewer gives it: CLI
in, findings out, on synthetic postmortems (the general causes behind the false or pedantic
findings of held-out reviews D and E).

- PM011: log excerpts in code blocks whose time stamps move forward over four minutes or
  more are the incident's timeline; one burst of log lines is not. One person's short post
  on their own outage that says how long it lasted is missing its timeline at `info`.
- PM601: "no count, share or duration found in any section or sentence" is said only when
  none is; a duration the text gives that is not the impact's is quoted instead.
- PM313: a fix told as shipped in a numbered release ("The fix was simple: in v2.1.0 we
  ...") is a corrective action: the missing plan is asked for under `strict` only.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write


def _findings(run_cli, tmp_path, text: str, *rules: str, preset: str = "recommended") -> list[dict]:
    return rule_findings(run_cli, write(tmp_path / "pm.md", text), *rules, preset=preset)


def _timeline_missing(found: list[dict]) -> list[dict]:
    return [item for item in found if "`timeline`" in item["message"]]


# ---- PM011: a log of the incident in code blocks is a timeline ---------------------------

_SAID = ["Error: runtime code not found", "Backend error: bad column metadata", "error=State already discarded",
         "Locating closest peers failed", "Imported #11911614"]


def _log_post(stamps: list[str], said: list[str] = _SAID) -> str:
    blocks = "".join(f"{number}. Then the node logged:\n\n```\nMar 21 {stamp}:21 host node[4753]: {said[number - 1]}\n"
                     f"Mar 21 {stamp}:22 host node[4753]: retrying\n```\n\n"
                     for number, stamp in enumerate(stamps, start=1))
    return ("# Node migration\n\n## Summary\n\nBoth validator nodes went offline after the binary upgrade.\n\n"
            f"## Tasks performed\n\n{blocks}"
            "## Root cause\n\nThe database format changed between the two versions.\n")


@pytest.mark.parametrize("stamps", [
    ["21:26", "21:29", "21:48", "23:14"],
    ["23:40", "23:55", "00:05", "00:20"],  # past midnight
])
def test_log_excerpts_moving_forward_are_the_timeline(run_cli, tmp_path, stamps):
    found = _findings(run_cli, tmp_path, _log_post(stamps), "PM011")
    assert _timeline_missing(found) == [], found


def test_an_incident_log_pasted_as_code_is_the_timeline(run_cli, tmp_path):
    text = ("# Checkout outage\n\n## Summary\n\nCheckout failed after a release.\n\n## Log\n\n```\n"
            "09:47 alerts fire for checkout errors\n09:52 on-call acknowledges the page\n"
            "10:10 release rolled back\n10:25 error rate back to normal\n```\n\n"
            "## Root cause\n\nThe release dropped the retry limit.\n")
    assert _timeline_missing(_findings(run_cli, tmp_path, text, "PM011")) == []


@pytest.mark.parametrize("stamps, said", [
    (["14:51", "14:51", "14:51", "14:51"], _SAID),  # one burst of lines: an excerpt of the failure
    (["14:51", "14:52", "07:00"], _SAID),  # too few moments
    (["10:00", "10:05", "09:00", "09:05"], _SAID),  # out of order: excerpts, not one account
    (["21:26", "21:29", "21:48", "23:14"], ["Error: disk full"] * 5),  # the same error again and again
])
def test_a_burst_or_a_jumble_of_log_lines_is_no_timeline(run_cli, tmp_path, stamps, said):
    found = _findings(run_cli, tmp_path, _log_post(stamps, said), "PM011")
    assert len(_timeline_missing(found)) == 1, found
    assert _timeline_missing(found)[0]["severity"] == "warning"


# ---- PM011: one person's short post that says how long it was down -----------------------

_LONE = """# Downtime post-mortem

My blog was down for a while today (~6 hours). What follows is why and what I learned.

This morning I opened the site and the app had logged me out. I found that the disk had
filled, so new sessions could not be created.

### The Causes

{cause}

### The Solutions

1. The nightly vacuum is back.
"""


def test_one_persons_short_post_with_a_duration_misses_its_timeline_at_info(run_cli, tmp_path):
    text = _LONE.format(cause="I stopped the nightly vacuum a month ago, so the database kept growing.")
    found = _timeline_missing(_findings(run_cli, tmp_path, text, "PM011"))
    assert [item["severity"] for item in found] == ["info"], found


@pytest.mark.parametrize("variant", ["team", "no duration", "template", "long"])
def test_a_teams_or_a_long_post_or_one_without_a_duration_still_warns(run_cli, tmp_path, variant):
    cause = "I stopped the nightly vacuum a month ago, so the database kept growing."
    text = _LONE.format(cause=cause)
    if variant == "team":
        text = text.replace(cause, "We stopped the nightly vacuum a month ago, so our database kept growing.")
    elif variant == "no duration":
        text = text.replace("was down for a while today (~6 hours)", "was down today")
    elif variant == "template":
        text = text.replace("# Downtime post-mortem\n", "# Downtime post-mortem\n\n## Summary\n")
    else:
        text = text.replace(cause, cause + "\n\n" + "I kept the site running on a small server. " * 120)
    found = _timeline_missing(_findings(run_cli, tmp_path, text, "PM011"))
    assert [item["severity"] for item in found] == ["warning"], (variant, found)


# ---- PM601: never "no count, share or duration found" when the text gives one ------------

_SOURCING = """# CVE-2021-41773 post mortem

## Raw data

The advisory was published on the vendor's page and on the mailing list.

# Conclusion

Watching "official" sources meant {lag} before learning it was an RCE.
"""


def test_a_duration_the_text_gives_is_quoted_not_denied(run_cli, tmp_path):
    found = _findings(run_cli, tmp_path, _SOURCING.format(lag="2 days"), "PM601")
    assert len(found) == 1, found
    message = found[0]["message"]
    assert "no count, share or duration found" not in message
    assert '"2 days before learning it was an RCE' in message and "not as who was affected" in message
    assert found[0]["severity"] == "warning"


def test_with_no_number_at_all_the_message_says_where_it_looked(run_cli, tmp_path):
    found = _findings(run_cli, tmp_path, _SOURCING.format(lag="a while"), "PM601")
    assert len(found) == 1, found
    assert "no count, share or duration found in any section or sentence" in found[0]["message"]


# ---- PM313: a fix shipped in a numbered release is a corrective action -------------------

_VULN = """# Control-plane vulnerability

A researcher reported a vulnerability in the control RPC. The bug was introduced when the
control and network interfaces were merged in a large refactor.

{fix}
"""


@pytest.mark.parametrize("fix", [
    "The fix was simple: in drand v2.1.0, we separated the control and network interfaces.",
    "The fix was released in 2.4.1 the next morning.",
    "The fix has been included in version 3.2.0.",
])
def test_a_fix_shipped_in_a_release_is_asked_for_a_plan_under_strict_only(run_cli, tmp_path, fix):
    text = _VULN.format(fix=fix)
    assert _findings(run_cli, tmp_path, text, "PM313") == []
    strict = _findings(run_cli, tmp_path, text, "PM313", preset="strict")
    assert [item["severity"] for item in strict] == ["info"], strict


@pytest.mark.parametrize("fix", [
    "The fix is planned for v2.2.",
    "The fix was expected in 2.2 but slipped.",
    "The fix will be in v2.2.",
])
def test_a_fix_not_yet_shipped_leaves_the_missing_plan_a_warning(run_cli, tmp_path, fix):
    found = _findings(run_cli, tmp_path, _VULN.format(fix=fix), "PM313")
    assert [item["severity"] for item in found] == ["warning"], found


# ---- PM011: a timeline published elsewhere and linked ------------------------------------

_LINKED = """# Supply-chain attack

## Summary

Malicious versions of the package were published and removed four hours later.

{line}

## Root cause

A workflow injection let the attacker steal the publishing token.
"""


@pytest.mark.parametrize("line", [
    "Here's our detailed chronological [timeline on our GHSA](https://github.com/o/r/security/advisories/GHSA-x).",
    "Full timeline: https://example.org/incidents/42",
])
def test_a_timeline_linked_elsewhere_is_asked_for_under_strict_only(run_cli, tmp_path, line):
    # (at info it was still judged false by an outside reviewer, who followed the link)
    found = _timeline_missing(_findings(run_cli, tmp_path, _LINKED.format(line=line), "PM011"))
    assert found == [], found
    found = _timeline_missing(_findings(run_cli, tmp_path, _LINKED.format(line=line), "PM011", preset="strict"))
    assert [item["severity"] for item in found] == ["info"], found


@pytest.mark.parametrize("line", [
    "We have no timeline yet; see [the status page](https://status.example.org).",
    "The timeline will follow in a later update.",
])
def test_a_timeline_mentioned_but_not_linked_still_warns(run_cli, tmp_path, line):
    found = _timeline_missing(_findings(run_cli, tmp_path, _LINKED.format(line=line), "PM011"))
    assert [item["severity"] for item in found] == ["warning"], found


# ---- the new readers stay linear ---------------------------------------------------------

@pytest.mark.parametrize("unit", [
    "```\n" + "Mar 21 21:26:21 host node[1]: error 7\n" * 20 + "```\n\n",  # code logs, all one minute
    "I opened my site and I saw the timeline [timeline](https://x.org/t) https://x.org\n\n",  # first person, links
    "[" * 50 + "timeline " * 20 + "\n\n",  # unclosed link text around the word
])
def test_the_timeline_and_quantity_readers_stay_linear(unit):
    """A document with no timeline reaches every new reader (code-block logs, the lone
    author's pronouns, timeline links, PM601's quoted quantity): 4x the text costs at most
    6x the time (tests/test_scaling.py's measure)."""
    from test_scaling import assert_linear

    def make(size: int) -> str:
        return "# Outage\n\nThe site broke.\n\n" + unit * max(1, size // len(unit))

    assert_linear("p.md", make, 20_000)
