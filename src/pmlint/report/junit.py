"""`--format junit`: JUnit XML for CI test dashboards (GitLab, Jenkins, Azure, ...).

There is no formal standard; this is the shape every consumer parses:

    <testsuites name="pmlint" tests failures errors>
      <testsuite name=PATH tests failures errors skipped>
        <testcase classname=PATH name="PM301 action-item-owner at 9:5" file line>
          <failure message type>details</failure>

One testsuite per linted file and one testcase per finding; a clean file gets one
passing testcase, so dashboards show it was checked. A finding at or above the run's
`--fail-on` threshold is a `<failure>`; one below it (info under the default `error`,
anything under `never`) is a passing testcase that carries the finding in
`<system-out>`, so a run that exits 0 never looks red in a dashboard. Postmortem text
is hostile input: ElementTree escapes XML metacharacters, and characters XML 1.0 forbids
(control characters other than tab, CR and LF, ANSI escape sequences, lone
surrogates) are removed first. No timestamps, so runs diff cleanly.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..lint import LintResult
    from ..model import Finding
    from . import ReportContext

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text XML 1.0 can carry: ANSI sequences and forbidden characters removed."""
    return _FORBIDDEN.sub("", _ANSI.sub("", text))


def fails(finding: "Finding", fail_on: str) -> bool:
    """Whether `finding` fails the run at this `--fail-on` threshold."""
    from ..model import Severity

    return fail_on != "never" and finding.severity >= Severity.parse(fail_on)


def junit_tree(result: "LintResult", context: "ReportContext") -> ET.Element:
    from ..repo import relative_to_root

    fail_on = getattr(context, "fail_on", "error")
    by_file = {path: list(group) for path, group in groupby(result.findings, key=lambda finding: finding.path)}
    files = list(dict.fromkeys([*result.files, *by_file]))
    files.sort(key=lambda path: relative_to_root(path, context.root))
    total_tests = sum(max(1, len(by_file.get(path, []))) for path in files)
    total_failures = sum(1 for finding in result.findings if fails(finding, fail_on))
    root = ET.Element("testsuites", {"name": "pmlint", "tests": str(total_tests),
                                     "failures": str(total_failures), "errors": "0"})
    for path in files:
        shown = xml_safe(relative_to_root(path, context.root))
        findings = by_file.get(path, [])
        suite = ET.SubElement(root, "testsuite", {
            "name": shown, "tests": str(max(1, len(findings))),
            "failures": str(sum(1 for finding in findings if fails(finding, fail_on))),
            "errors": "0", "skipped": "0"})
        if not findings:
            ET.SubElement(suite, "testcase", {"classname": shown, "name": "pmlint", "file": shown})
            continue
        for finding in findings:
            span = finding.span
            case = ET.SubElement(suite, "testcase", {
                "classname": shown,
                "name": xml_safe(f"{finding.rule_id} {finding.rule_name} at {span.line}:{span.column}"),
                "file": shown,
                "line": str(span.line),
            })
            details = f"{shown}:{span.line}:{span.column}: {finding.severity.label} {finding.rule_id} " \
                      f"{finding.rule_name}: {finding.message}"
            if finding.fix:
                details += "\nfix: " + " ".join(finding.fix.split())
            if fails(finding, fail_on):
                failure = ET.SubElement(case, "failure", {"message": xml_safe(finding.message),
                                                         "type": finding.severity.label})
                failure.text = xml_safe(details)
            else:
                ET.SubElement(case, "system-out").text = xml_safe(details)
    return root


def render(result: "LintResult", stream: TextIO, context: "ReportContext") -> None:
    tree = junit_tree(result, context)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(tree, encoding="unicode"))
    stream.write("\n")
