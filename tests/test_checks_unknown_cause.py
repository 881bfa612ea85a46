"""PM106 (unknown-cause-investigated): a statement that the cause is unknown, not the
adjective "unknown" in a description of what went wrong."""

from __future__ import annotations

import pytest
from checks_helpers import messages

NO_INVESTIGATION = "action_items:\n  - {title: Upgrade the queue client library}\n"


@pytest.mark.parametrize("cause", [
    "The config loader accepts unknown keys silently",
    "The resolver cached NXDOMAIN for an unknown host",
    "Error messages for unknown flags are unclear to operators",
    "The load balancer forwarded requests with an unknown Host header",
    # a cause stated, and the search for more: "other root causes" are not this one
    "The genesis block's state root does not match the genesis state. Still investigating other root causes.",
    "A stale cache entry; under investigation for additional contributing factors",
])
def test_unknown_as_an_adjective_is_no_unknown_cause(cause):
    assert messages(f"root_causes:\n  - summary: {cause}\n" + NO_INVESTIGATION, "PM106") == []


@pytest.mark.parametrize("cause", [
    "The root cause is unknown",
    "The root cause remains unknown",
    "Worker stalls; cause unknown",
    "Replication stopped for an unknown reason",
    "Why the disk filled is not yet understood",
    "Why the pool drained is still unclear",
    "The trigger is under investigation",
    "We don't know why the cache emptied",
    "We do not know why the cache emptied",
    "The faulty component has not been identified",
    "TBD",
    "Unknown.",
    "Still investigating the root cause",
])
def test_a_statement_that_the_cause_is_unknown_is_reported(cause):
    assert len(messages(f"root_causes:\n  - summary: \"{cause}\"\n" + NO_INVESTIGATION, "PM106")) == 1


def test_tbd_inside_a_description_is_not_the_whole_cause():
    text = "root_causes:\n  - summary: The TBD column in the schema was never backfilled\n" + NO_INVESTIGATION
    assert messages(text, "PM106") == []
