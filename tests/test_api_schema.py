"""Schemathesis against the API's own OpenAPI schema, in-process through the WSGI app: for every operation, inputs
generated from the schema (valid and not), sent with an office user's key and with a unit's key; no answer is a
server error, and every answer conforms to the schema (its status declared, its body of the declared shape).

The examples are bounded (`EXAMPLES` per operation and key) so that the run stays under two minutes.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from hoinghi.voting import services as voting
from hoinghi.wsgi import application
from tests.api_helpers import key_for
from tests.directive_helpers import directive
from tests.target_helpers import build_plan, figure
from tests.voting_helpers import add_voters, answer, close_poll, open_poll, running_meeting

EXAMPLES = 12
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def record(world):
    """A little of everything the API reads: a meeting held with a conclusion and a directive reported on, a
    published poll, a resolution's target with a figure; and the keys of the office and of the directive's unit."""
    voters = add_voters(world, 2)
    meeting = running_meeting(world, present=voters)
    given = directive(world, meeting.items.first())
    from hoinghi.directives import services as follow_up

    follow_up.check_report_progress(world.users["unit"], given, text="Đã triển khai.", percent=40)
    poll = open_poll(world, meeting, method="open", subjects=[])
    for voter in voters:
        voting.cast(voter, poll, answer(poll, "yes"), voting.new_token())
    voting.check_publish_poll(world.users["chair"], close_poll(world, poll))
    plan = build_plan(world)
    figure(world, plan.services)
    return {"office": key_for(world.users["office"]), "unit": key_for(world.users["unit"])}


def in_the_tests_transaction(environ, start_response):
    """The WSGI app, as Django's test client runs it: the start and end of a request must not close the
    connection that holds the test's transaction (and its data)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        response = application(environ, start_response)
        try:
            return list(response)
        finally:
            response.close()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


# Read at collection, from the app itself (the schema is served without a key and reads no table).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", in_the_tests_transaction)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_a_server_error_and_every_answer_keeps_the_schema(case, record):
    for key in record.values():  # the office's, then the unit's
        case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)
