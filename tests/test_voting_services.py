import json
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from hoinghi.core.models import AuditEvent
from hoinghi.voting import selectors, services
from hoinghi.voting.models import Ballot, CountedBallot, NamedVote, PaperTally, Poll, VoterRoll
from hoinghi.voting.rules import DEFAULT_RULES
from hoinghi.voting.verify import main as verify_main
from hoinghi.voting.verify import verify
from tests.voting_helpers import (
    BOARDS,
    answer,
    close_poll,
    new_poll,
    open_poll,
    ready_board,
    running_meeting,
    subject_ids,
)


@pytest.fixture(autouse=True)
def english():
    """The messages are checked as written in the code (English msgids)."""
    with translation.override("en"):
        yield


token = services.new_token


def messages(error) -> str:
    return " ".join(error.value.messages)


@pytest.fixture
def meeting(world):
    return running_meeting(world, present=[world.users["chair"], world.users["member"], world.users["member2"]])


def test_a_question_is_its_own_subject_and_takes_the_default_rule(world, meeting):
    poll = new_poll(world, meeting, title="Thông qua Nghị quyết chuyên đề", subjects=[("ignored", None)])
    assert [s.label for s in poll.subjects.all()] == ["Thông qua Nghị quyết chuyên đề"]
    rule = DEFAULT_RULES["question"]
    assert (poll.base, Fraction(poll.share_numerator, poll.share_denominator), poll.strict) == (
        rule.base,
        rule.share,
        rule.strict,
    )
    assert poll.status == "draft"


def test_a_long_question_keeps_its_whole_title(world, meeting):
    title = "Thông qua Nghị quyết " * 20
    poll = new_poll(world, meeting, title=title)
    assert poll.title == title.strip()
    assert poll.subjects.get().label.startswith("Thông qua Nghị quyết")


def test_a_subject_name_too_long_is_refused(world, meeting):
    with pytest.raises(ValidationError) as error:
        new_poll(world, meeting, kind="candidates", subjects=[("Ứng viên " * 40, None)])
    assert "subjects" in error.value.message_dict
    assert not Poll.objects.exists()


def test_a_custom_threshold_is_kept(world, meeting):
    poll = new_poll(world, meeting, base="present", share=Fraction(2, 3), strict=False)
    assert (poll.base, poll.share_numerator, poll.share_denominator, poll.strict) == ("present", 2, 3, False)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "candidates", "subjects": []}, "subjects"),
        ({"kind": "rating", "subjects": [("Đồng chí A", None), ("đồng chí a", None)]}, "subjects"),
        ({"kind": "choose", "subjects": [("A", None), ("B", None)], "max_choices": 3}, "max_choices"),
        ({"kind": "choose", "subjects": [("A", None)]}, "max_choices"),
        ({"kind": "lottery"}, "kind"),
        ({"method": "proxy"}, "method"),
        ({"title": "  "}, "title"),
        ({"share": Fraction(3, 2)}, "share"),
        ({"share": Fraction(1), "strict": True}, "share"),
    ],
)
def test_bad_polls_are_refused_and_nothing_is_saved(world, meeting, overrides, field):
    with pytest.raises(ValidationError) as error:
        new_poll(world, meeting, **overrides)
    assert field in error.value.message_dict
    assert not Poll.objects.exists()


def test_who_may_create_open_close_and_publish(world, meeting):
    users = world.users
    for name in ("member", "invitee", "outsider", "unit", "leader"):
        with pytest.raises(PermissionDenied):
            services.check_create_poll(users[name], meeting, title="Q", kind="question", method="secret", subjects=[])
    poll = services.check_create_poll(users["chair"], meeting, title="Q", kind="question", method="secret", subjects=[])
    ready_board(poll)
    steps = [services.check_open_poll, services.check_close_poll, services.check_publish_poll]
    for step, status in zip(steps, ["open", "closed", "published"], strict=True):
        for name in ("office", "member", "admin"):
            with pytest.raises(PermissionDenied):
                step(users[name], poll)
        poll.refresh_from_db()
        assert step(users["chair"], poll).status == status
        if status == "closed":
            BOARDS[poll.pk].give_shares()
    with pytest.raises(ValidationError):
        services.check_open_poll(users["chair"], poll)  # published: no way back


def test_steps_out_of_order_are_refused(world, meeting):
    poll = new_poll(world, meeting)
    for step in (services.check_close_poll, services.check_publish_poll):
        with pytest.raises(ValidationError):
            step(world.users["chair"], poll)
    ready_board(poll)
    services.check_open_poll(world.users["chair"], poll)
    with pytest.raises(ValidationError):
        services.check_publish_poll(world.users["chair"], poll)
    poll.refresh_from_db()
    assert poll.status == "open"
    services.check_close_poll(world.users["chair"], poll)
    with pytest.raises(ValidationError, match="not counted yet"):  # closed, awaiting the board
        services.check_publish_poll(world.users["chair"], poll)


def test_a_poll_opens_only_while_the_meeting_runs(world):
    meeting = world.meeting()
    poll = new_poll(world, meeting)
    with pytest.raises(ValidationError) as error:
        services.check_open_poll(world.users["chair"], poll)
    assert "in progress" in messages(error)
    poll.refresh_from_db()
    assert poll.status == "draft" and not Ballot.objects.exists()


def test_opening_takes_the_electorate_and_makes_one_empty_slot_per_member(world, meeting):
    poll = open_poll(world, meeting)
    assert (poll.convened, poll.present) == (3, 3)
    assert Ballot.objects.filter(poll=poll, sealed="", fingerprint="").count() == 3
    assert selectors.live_state(poll) == {
        "status": "open",
        "phase": "open",
        "cast_count": 0,
        "convened": 3,
        "present": 3,
        "title": poll.title,
    }


def test_a_confidence_vote_needs_two_thirds_present(world):
    meeting = running_meeting(world, present=[world.users["chair"]])
    poll = new_poll(world, meeting, kind="confidence", subjects=[("Đồng chí Chủ tịch", world.people["chair"])])
    with pytest.raises(ValidationError) as error:
        services.check_open_poll(world.users["chair"], poll)
    assert "2 of the 3" in messages(error)


def test_a_confidence_vote_rates_office_holders_only_by_the_rule_of_96(world):
    meeting = running_meeting(world)
    collective = f"Tập thể {world.body.name}"
    with pytest.raises(ValidationError) as error:
        new_poll(
            world, meeting, kind="confidence", subjects=[(collective, None), ("Trần Văn Chủ", world.people["chair"])]
        )
    assert "office holders" in messages(error)
    assert not Poll.objects.exists()
    # A threshold chosen on the form does not change the Party's rule.
    poll = new_poll(
        world,
        meeting,
        kind="confidence",
        subjects=[("Trần Văn Chủ", world.people["chair"])],
        base="convened",
        share=Fraction(2, 3),
        strict=False,
    )
    assert (poll.base, poll.share_numerator, poll.share_denominator, poll.strict) == ("returned", 1, 2, True)


def test_a_poll_over_the_members_present_needs_the_attendance(world):
    meeting = running_meeting(world)
    with pytest.raises(ValidationError) as error:
        open_poll(world, meeting, base="present")
    assert "present" in messages(error)


@pytest.mark.parametrize("name", ["invitee", "outsider", "unit", "office", "leader"])
def test_only_members_of_the_body_vote(world, meeting, name):
    from hoinghi.meetings import services as meeting_services

    meeting_services.check_add_participant(world.users["office"], meeting, world.people["invitee"], "invitee")
    poll = open_poll(world, meeting)
    with pytest.raises(PermissionDenied) as error:
        services.cast(world.users[name], poll, answer(poll, "yes"), token())
    assert "members" in str(error.value)
    assert not VoterRoll.objects.exists()
    assert not Ballot.objects.exclude(sealed="").exists()


def test_a_ballot_counts_for_its_caster_only(world, meeting):
    poll = open_poll(world, meeting)
    services.cast(world.users["member2"], poll, answer(poll, "yes"), token())
    assert selectors.has_voted(poll, world.people["member2"].pk)
    assert not selectors.has_voted(poll, world.people["member"].pk)
    assert list(VoterRoll.objects.values_list("person", flat=True)) == [world.people["member2"].pk]


def test_closing_opens_the_sealed_box_into_counted_ballots(world, meeting):
    poll = open_poll(world, meeting)
    for name, option in (("chair", "yes"), ("member", "no"), ("member2", "yes")):
        services.cast(world.users[name], poll, answer(poll, option), token())
    assert not CountedBallot.objects.exists()
    poll = close_poll(world, poll)
    assert sorted(CountedBallot.objects.values_list("choices", flat=True), key=str) == sorted(
        [answer(poll, "no"), answer(poll, "yes"), answer(poll, "yes")], key=str
    )
    assert not Ballot.objects.exclude(sealed="").exists()  # the seals are wiped, the fingerprints kept
    assert Ballot.objects.exclude(fingerprint="").count() == 3
    assert poll.result["returned"] == 3


def test_a_poll_sealed_with_the_site_key_before_the_board_closes_as_before(world, meeting, settings):
    """Opened before the board held the key (no public key): its casts are sealed with a key from the site's
    secret, and its box opens at close, with a rotated secret kept as a fallback."""
    poll = open_poll(world, meeting)
    Poll.objects.filter(pk=poll.pk).update(box_key="")
    poll.refresh_from_db()
    services.cast(world.users["member"], poll, answer(poll, "yes"), token())
    old, settings.SECRET_KEY = settings.SECRET_KEY, "a new secret key for the site, long enough to be one"
    with pytest.raises(ValidationError, match="secret key has changed"):
        services.check_close_poll(world.users["chair"], poll)
    assert Poll.objects.get(pk=poll.pk).status == "open" and not CountedBallot.objects.exists()  # nothing lost
    settings.SECRET_KEY_FALLBACKS = [old]
    assert services.check_close_poll(world.users["chair"], poll).result["returned"] == 1


@pytest.mark.parametrize(
    ("kind", "subjects", "max_choices", "ballot", "message"),
    [
        ("question", [], None, {}, "Answer every question"),
        ("question", [], None, {"0": "yes"}, "Answer every question"),
        ("question", [], None, "yes", "Answer every question"),
        ("question", [], None, ["maybe"], "one of the options"),
        ("candidates", [("A", None), ("B", None)], None, ["yes", "bad mark"], "one of the options"),
        ("choose", [("A", None), ("B", None), ("C", None)], 2, ["chosen"] * 3, "choose at most 2"),
    ],
)
def test_bad_ballots_are_refused_with_the_reason(world, meeting, kind, subjects, max_choices, ballot, message):
    poll = open_poll(world, meeting, kind=kind, subjects=subjects, max_choices=max_choices)
    if isinstance(ballot, list):
        ballot = dict(zip(subject_ids(poll), ballot, strict=True))
    with pytest.raises(ValidationError) as error:
        services.cast(world.users["member"], poll, ballot, token())
    assert message in messages(error)
    assert not VoterRoll.objects.exists() and not Ballot.objects.exclude(sealed="").exists()


def test_a_paper_poll_takes_no_electronic_ballot(world, meeting):
    poll = open_poll(world, meeting, method="paper")
    with pytest.raises(ValidationError) as error:
        services.cast(world.users["member"], poll, answer(poll, "yes"), token())
    assert "paper" in messages(error)


def test_a_form_without_a_proper_token_is_refused(world, meeting):
    poll = open_poll(world, meeting)
    with pytest.raises(ValidationError):
        services.cast(world.users["member"], poll, answer(poll, "yes"), "short")
    assert not VoterRoll.objects.exists()


def test_casting_is_refused_unless_the_poll_is_open(world, meeting):
    poll = new_poll(world, meeting)
    with pytest.raises(ValidationError) as error:
        services.cast(world.users["member"], poll, answer(poll, "yes"), token())
    assert "not open" in messages(error)


def test_a_retry_after_the_close_still_gets_its_receipt(world, meeting):
    poll = open_poll(world, meeting)
    same = token()
    first = services.cast(world.users["member"], poll, answer(poll, "yes"), same)
    close_poll(world, poll)
    again = services.cast(world.users["member"], poll, answer(poll, "yes"), same)
    assert (again.receipt, again.repeated) == (first.receipt, True)
    with pytest.raises(ValidationError):
        services.cast(world.users["member"], poll, answer(poll, "yes"), token())


def test_an_open_poll_names_its_voters_and_lists_who_has_not_voted(world, meeting):
    poll = open_poll(world, meeting, method="open")
    assert {p.full_name for p in selectors.not_yet_voted(poll)} == {"Trần Văn Chủ", "Lê Thị Ủy", "Phạm Văn Viên"}
    result = services.cast(world.users["member"], poll, answer(poll, "no"), token())
    assert result == services.CastResult(receipt="", repeated=False)
    vote = NamedVote.objects.get(poll=poll)
    assert (vote.person, vote.choices) == (world.people["member"], answer(poll, "no"))
    assert {p.full_name for p in selectors.not_yet_voted(poll)} == {"Trần Văn Chủ", "Phạm Văn Viên"}
    assert not Ballot.objects.filter(poll=poll).exists()


def test_a_secret_poll_never_lists_who_has_not_voted(world, meeting):
    poll = open_poll(world, meeting)
    assert selectors.not_yet_voted(poll) == []
    services.cast(world.users["member"], poll, answer(poll, "no"), token())
    assert selectors.not_yet_voted(poll) == []
    assert not NamedVote.objects.exists()


def test_the_result_is_computed_at_close(world, meeting):
    poll = open_poll(world, meeting)
    for name, option in [("chair", "yes"), ("member", "yes"), ("member2", "no")]:
        services.cast(world.users[name], poll, answer(poll, option), token())
    assert Poll.objects.get(pk=poll.pk).result is None
    poll = close_poll(world, poll)
    assert poll.result == Poll.objects.get(pk=poll.pk).result
    (subject,) = poll.result["subjects"]
    assert subject["counts"] == {"yes": 2, "no": 1, "abstain": 0}
    assert (poll.result["base_count"], subject["passed"]) == (3, True)
    view = selectors.results_view(poll)
    assert view["subjects"][0]["label"] == poll.title
    assert [(o["code"], o["count"], o["percent"]) for o in view["subjects"][0]["options"]] == [
        ("yes", 2, 66.67),
        ("no", 1, 33.33),
        ("abstain", 0, 0.0),
    ]


def test_a_choose_up_to_n_poll_counts_the_chosen(world, meeting):
    names = [("Nguyễn Văn An", None), ("Trần Thị Bình", None), ("Lê Văn Cường", None)]
    poll = open_poll(world, meeting, kind="choose", subjects=names, max_choices=2)
    ids = subject_ids(poll)
    services.cast(world.users["chair"], poll, dict(zip(ids, ["chosen", "chosen", "not_chosen"], strict=True)), token())
    services.cast(world.users["member"], poll, dict(zip(ids, ["chosen", "not_chosen", "chosen"], strict=True)), token())
    poll = close_poll(world, poll)
    assert [s["counts"]["chosen"] for s in poll.result["subjects"]] == [2, 1, 1]
    assert [s["passed"] for s in poll.result["subjects"]] == [True, False, False]


def test_published_ballots_have_no_fingerprints_and_receipts_show_inclusion(world, meeting):
    poll = open_poll(world, meeting, kind="candidates", subjects=[("A", None), ("B", None)])
    ids = subject_ids(poll)
    receipts = [
        services.cast(world.users[name], poll, dict(zip(ids, marks, strict=True)), token()).receipt
        for name, marks in [("chair", ["yes", "no"]), ("member", ["no", "no"])]
    ]
    assert all(len(r) == 14 and r.count("-") == 2 for r in receipts)
    close_poll(world, poll)
    assert selectors.published_ballots(poll) == [] and selectors.fingerprints(poll) == []
    assert not selectors.receipt_counted(poll, receipts[0])  # not before publication
    poll = services.check_publish_poll(world.users["chair"], poll)
    ballots = selectors.published_ballots(poll)
    assert sorted(map(json.dumps, ballots)) == sorted(
        json.dumps(b) for b in [dict(zip(ids, ["yes", "no"], strict=True)), dict(zip(ids, ["no", "no"], strict=True))]
    )
    assert all(set(ballot) == set(ids) for ballot in ballots)  # choices only: no id, no fingerprint
    assert len(selectors.fingerprints(poll)) == 2
    assert all(selectors.receipt_counted(poll, r) for r in receipts)
    assert selectors.receipt_counted(poll, receipts[0].lower().replace("-", " "))
    assert not selectors.receipt_counted(poll, "AAAA-BBBB-CCCC")
    assert not selectors.receipt_counted(poll, "")


def test_the_published_record_verifies_and_a_tampered_one_does_not(world, meeting, tmp_path, capsys):
    poll = open_poll(world, meeting)
    receipt = services.cast(world.users["member"], poll, answer(poll, "yes"), token()).receipt
    services.cast(world.users["chair"], poll, answer(poll, "abstain"), token())
    close_poll(world, poll)
    record = selectors.published_record(poll)
    assert record is None
    record = json.loads(json.dumps(selectors.published_record(services.check_publish_poll(world.users["chair"], poll))))
    outcome = verify(record, receipt)
    assert (outcome["matches"], outcome["ballots"], outcome["fingerprints"], outcome["receipt_counted"]) == (
        True,
        2,
        2,
        True,
    )
    path = tmp_path / "published.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    call_command("verify_poll", str(path), receipt=receipt)
    assert "equals the published one" in capsys.readouterr().out
    assert verify_main([str(path), receipt]) == 0
    assert json.loads(capsys.readouterr().out)["receipt_counted"] is True

    record["result"]["subjects"][0]["counts"]["yes"] = 2
    assert not verify(record)["matches"]
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(CommandError, match="differs"):
        call_command("verify_poll", str(path))
    assert verify_main([str(path)]) == 1


def paper_poll(world, meeting, **overrides):
    fields = {"kind": "candidates", "method": "paper", "subjects": [("Nguyễn Văn An", None), ("Trần Thị Bình", None)]}
    return open_poll(world, meeting, **fields | overrides)


def figures(poll, issued=3, returned=3, valid=2, invalid=1, marks=((2, 0), (1, 1))):
    counts = {s: {"yes": yes, "no": no} for s, (yes, no) in zip(subject_ids(poll), marks, strict=True)}
    return {"issued": issued, "returned": returned, "valid": valid, "invalid": invalid, "counts": counts}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"issued": 4, "returned": 4, "valid": 3}, "members recorded present (3)"),
        ({"issued": 2}, "cannot exceed ballots issued (2)"),
        ({"invalid": 0}, "must add up to the ballots returned (3)"),
        ({"marks": ((2, 1), (1, 1))}, "Nguyễn Văn An add up to 3, more than the 2 valid ballots"),
        ({"marks": ((-1, 0), (1, 1))}, "zero or more"),
        ({"valid": "2"}, "whole numbers"),
    ],
)
def test_paper_counts_that_do_not_add_up_are_refused_with_the_reason(world, meeting, changes, reason):
    poll = paper_poll(world, meeting)
    with pytest.raises(ValidationError) as error:
        services.check_enter_paper_tally(world.users["office"], poll, **figures(poll, **changes))
    assert reason in messages(error)
    assert not PaperTally.objects.exists()


def test_paper_counts_name_only_the_poll_subjects_and_options(world, meeting):
    poll = paper_poll(world, meeting)
    with pytest.raises(ValidationError):
        services.check_enter_paper_tally(world.users["office"], poll, **figures(poll) | {"counts": {"999": {"yes": 1}}})
    counts = {subject_ids(poll)[0]: {"maybe": 1}}
    with pytest.raises(ValidationError):
        services.check_enter_paper_tally(world.users["office"], poll, **figures(poll) | {"counts": counts})


def test_paper_counts_only_by_the_office_or_chair_of_a_paper_poll(world, meeting):
    poll = paper_poll(world, meeting)
    for name in ("member", "invitee", "leader"):
        with pytest.raises(PermissionDenied):
            services.check_enter_paper_tally(world.users[name], poll, **figures(poll))
    electronic = open_poll(world, meeting, kind="candidates", subjects=[("A", None), ("B", None)])
    with pytest.raises(PermissionDenied):
        services.check_enter_paper_tally(world.users["office"], electronic, **figures(electronic))
    with pytest.raises(ValidationError):  # a paper poll closes only with the counts entered
        services.check_close_poll(world.users["chair"], poll)


def test_a_paper_correction_is_kept_beside_the_first_entry_and_recounts(world, meeting):
    poll = paper_poll(world, meeting)
    services.check_enter_paper_tally(world.users["office"], poll, **figures(poll))
    poll = close_poll(world, poll)
    assert [s["counts"]["yes"] for s in poll.result["subjects"]] == [2, 1]
    services.check_enter_paper_tally(world.users["chair"], poll, **figures(poll, marks=((2, 0), (2, 0))))
    poll.refresh_from_db()
    assert [s["counts"]["yes"] for s in poll.result["subjects"]] == [2, 2]
    assert PaperTally.objects.filter(poll=poll).count() == 2
    assert selectors.live_state(poll)["cast_count"] == 3
    events = AuditEvent.objects.filter(object_id=str(poll.pk), verb__startswith="poll.paper").order_by("id")
    assert [(e.verb, e.actor.username) for e in events] == [
        ("poll.paper_tally", "office"),
        ("poll.paper_correction", "chair"),
    ]
    poll = services.check_publish_poll(world.users["chair"], poll)
    with pytest.raises(ValidationError):
        services.check_enter_paper_tally(world.users["office"], poll, **figures(poll))
    assert verify(json.loads(json.dumps(selectors.published_record(poll))))["matches"]


def test_open_close_and_publish_are_audited_with_who_and_when_and_casts_are_not(world, meeting):
    poll = open_poll(world, meeting, kind="candidates", subjects=[("Nguyễn Văn An", None)])
    services.cast(world.users["member"], poll, answer(poll, "no"), token())
    close_poll(world, poll)
    services.check_publish_poll(world.users["chair"], poll)
    events = AuditEvent.objects.filter(object_type="voting.poll", object_id=str(poll.pk)).order_by("id")
    # The board's members (default: the two members who do not chair, then the chair) get their phones ready, and
    # two of them give their shares; the second share's giver is recorded as making the count.
    assert [(e.verb, e.actor.username) for e in events] == [
        ("poll.create", "office"),
        ("poll.board_device", "member"),
        ("poll.board_device", "member2"),
        ("poll.board_device", "chair"),
        ("poll.open", "chair"),
        ("poll.close", "chair"),
        ("poll.share_given", "member"),
        ("poll.share_given", "member2"),
        ("poll.count", "member2"),
        ("poll.publish", "chair"),
    ]
    assert all(e.at is not None for e in events)
    everything = json.dumps([e.detail for e in AuditEvent.objects.all()])
    assert '"no"' not in everything and "member" not in everything
