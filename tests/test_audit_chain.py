"""The audit chain, pure: any single edit, deletion, insertion or reordering is found where it happened, and the
verification code is read back as typed."""

import datetime
import json

from hypothesis import given
from hypothesis import strategies as st

from hoinghi.core import chain

START = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.UTC)
text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=8)  # what a request can carry
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3),
    max_leaves=8,
)


def build(details) -> list[dict]:
    events, prev = [], chain.GENESIS
    for n, detail in enumerate(details, start=1):
        event = {
            "id": n,
            "seq": n,
            "at": START + datetime.timedelta(seconds=n),
            "actor_id": n % 3 or None,
            "actor_username": f"user{n % 3}",
            "actor_name": "Lê Thị Ủy",
            "verb": "document.open",
            "object_type": "meetings.document",
            "object_id": str(n),
            "object_repr": "Tờ trình nhân sự",
            "detail": detail,
            "prev_hash": prev,
        }
        event["hash"] = prev = chain.event_hash(event)
        events.append(event)
    return events


def first_problem(events):
    steps = list(chain.check(events))
    return steps[-1] if steps and isinstance(steps[-1], chain.Problem) else None


chains = st.lists(json_values, min_size=3, max_size=12).map(build)


@given(chains)
def test_an_untouched_chain_holds(events):
    assert first_problem(events) is None
    assert [step["seq"] for step in chain.check(events)] == list(range(1, len(events) + 1))


@given(chains, st.data())
def test_an_edited_event_is_named(events, data):
    k = data.draw(st.integers(0, len(events) - 1))
    events[k] = {**events[k], "actor_username": events[k]["actor_username"] + "x"}
    problem = first_problem(events)
    assert (problem.kind, problem.seq) == ("edited", k + 1)


@given(chains, st.data())
def test_a_deleted_event_is_named(events, data):
    k = data.draw(st.integers(0, len(events) - 2))
    del events[k]
    problem = first_problem(events)
    assert (problem.kind, problem.seq) == ("missing", k + 1)


@given(chains, st.data())
def test_two_swapped_events_are_found_at_the_first(events, data):
    i = data.draw(st.integers(0, len(events) - 2))
    j = data.draw(st.integers(i + 1, len(events) - 1))
    # Swapping the rows' places: each keeps its content and hash but takes the other's number.
    events[i], events[j] = {**events[j], "seq": i + 1}, {**events[i], "seq": j + 1}
    problem = first_problem(events)
    assert problem.seq == i + 1 and problem.kind in {"edited", "reordered"}


@given(chains, st.data())
def test_a_forged_event_with_its_own_valid_hash_does_not_fit_between_others(events, data):
    k = data.draw(st.integers(1, len(events) - 1))
    forged = {**events[k], "id": 999, "verb": "document.upload", "prev_hash": chain.GENESIS}
    forged["hash"] = chain.event_hash(forged)
    events.insert(k, forged)
    problem = first_problem(events)
    assert problem.seq == k + 1 and problem.kind == "reordered"


def test_a_forged_event_at_a_number_already_taken_is_an_insertion():
    events = build([{}, {}, {}])
    events.insert(2, {**events[1], "id": 99})
    problem = first_problem(events)
    assert (problem.kind, problem.event_id) == ("inserted", 99)


def test_a_backdated_event_is_an_insertion_even_with_a_valid_hash():
    events = build([{}, {}, {}])
    late = {**events[2], "at": START, "prev_hash": events[1]["hash"]}
    late["hash"] = chain.event_hash(late)
    events[2] = late
    assert first_problem(events).kind == "inserted"


@given(json_values)
def test_the_hash_reads_what_the_database_gives_back(detail):
    """PostgreSQL's jsonb gives back whole floats as integers and keys in its own order: same hash."""
    event = build([detail])[0]

    def like_jsonb(value):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, dict):
            return {key: like_jsonb(value[key]) for key in sorted(value, key=lambda k: (len(k), k))}
        if isinstance(value, list):
            return [like_jsonb(item) for item in value]
        return value

    stored = {**event, "detail": like_jsonb(json.loads(json.dumps(detail)))}
    assert chain.event_hash(stored) == event["hash"]


@given(st.integers(1, 10**9), st.binary(min_size=32, max_size=32))
def test_a_verification_code_reads_back(seq, digest):
    code = chain.verification_code(seq, digest.hex())
    assert chain.read_code(code) == (seq, digest.hex()[:20])
    number, letters = code.split("-", 1)
    typed = number + " " + letters.lower().replace("0", "o").replace("1", "l").replace("-", " ")
    assert chain.read_code(typed) == (seq, digest.hex()[:20])


def test_a_verification_code_is_short_and_plain():
    code = chain.verification_code(1234, "ab" * 32)
    assert code == "1234-NENT-QAXB-NENT-QAXB" and len(code) == 24
    assert chain.read_code("1234-NENT-QAXB-NENT") is None
    assert chain.read_code("số 1234") is None
