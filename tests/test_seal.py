"""The ballot box's seal (hoinghi/voting/seal.py) and the counting board's hold on its key (board_keys.py): what a
cast writes opens only with the key that `required` of the board's shares rebuild; a wrong share is refused."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoinghi.voting import board_keys
from hoinghi.voting.board_keys import Share, WrongShare
from hoinghi.voting.device import Device
from hoinghi.voting.rules import OPTIONS
from hoinghi.voting.seal import (
    UnreadableBallot,
    ballot_size,
    open_with_site_keys,
    seal,
    seal_with_site_key,
    site_key,
    unseal,
)

POLL = 7
BOX = board_keys.new_box(POLL, 2, 3)
KEY = board_keys.rebuild(POLL, BOX.shares[:2], BOX.public_key)
KINDS = sorted(OPTIONS)


@st.composite
def polls_and_ballots(draw):
    kind = draw(st.sampled_from(KINDS))
    subjects = draw(st.lists(st.integers(1, 10**9), min_size=1, max_size=30, unique=True))
    ballots = draw(
        st.lists(st.fixed_dictionaries({str(s): st.sampled_from(OPTIONS[kind]) for s in subjects}), min_size=1)
    )
    return subjects, OPTIONS[kind], ballots


@given(polls_and_ballots())
def test_every_ballot_of_a_poll_seals_to_one_length_and_opens_as_cast(poll):
    subjects, options, ballots = poll
    size = ballot_size(subjects, options)
    sealed = [seal(BOX.public_key, POLL, ballot, size) for ballot in ballots]
    assert len({len(value) for value in sealed}) == 1  # the length does not tell the choices
    assert len(set(sealed)) == len(sealed)  # nor does equality: the same choices never seal alike
    assert [unseal(KEY, POLL, value) for value in sealed] == ballots


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 6).flatmap(lambda n: st.tuples(st.integers(2, n), st.just(n))))
def test_any_required_shares_rebuild_the_key_and_fewer_do_not(board):
    required, holders = board
    box = board_keys.new_box(POLL, required, holders)
    sealed = seal(box.public_key, POLL, {"1": "yes"}, 20)
    for chosen in itertools.combinations(box.shares, required):
        assert unseal(board_keys.rebuild(POLL, list(chosen), box.public_key), POLL, sealed) == {"1": "yes"}
    for chosen in itertools.combinations(box.shares, required - 1):
        # Fewer shares make some other key (Shamir's scheme): never the poll's, so it is refused, not used.
        if len(chosen) >= 1:
            with pytest.raises(WrongShare):
                board_keys.rebuild(POLL, list(chosen), box.public_key)


def test_a_ballot_opens_only_in_its_own_poll_with_its_own_key():
    sealed = seal(BOX.public_key, POLL, {"1": "yes"}, 20)
    other = board_keys.new_box(POLL, 2, 3)
    with pytest.raises(UnreadableBallot):
        unseal(board_keys.rebuild(POLL, other.shares[:2], other.public_key), POLL, sealed)
    with pytest.raises(UnreadableBallot):
        unseal(KEY, POLL + 1, sealed)  # moved to another poll's box


def test_an_altered_seal_is_refused():
    sealed = bytearray(seal(BOX.public_key, POLL, {"1": "yes"}, 20).encode())
    sealed[-6] = ord("A") if sealed[-6] != ord("A") else ord("B")
    with pytest.raises(UnreadableBallot):
        unseal(KEY, POLL, sealed.decode())


def test_a_ballot_longer_than_its_poll_allows_is_not_sealed():
    with pytest.raises(ValueError):
        seal(BOX.public_key, POLL, {"1": "abstain"}, ballot_size([1], ["yes", "no"]))


def test_a_share_reaches_only_the_device_it_was_sealed_to_and_a_wrong_one_is_told_apart():
    phone, other = Device(), Device()
    share = BOX.shares[0]
    sealed = board_keys.seal_share(phone.public_key, POLL, 42, share)
    assert phone.share(sealed, POLL, 42) == share
    for device, poll, person in ((other, POLL, 42), (phone, POLL + 1, 42), (phone, POLL, 43)):
        with pytest.raises(WrongShare):
            device.share(sealed, poll, person)
    check = board_keys.share_check(POLL, share)
    assert board_keys.is_genuine(POLL, share, check)
    assert not board_keys.is_genuine(POLL, BOX.shares[1], check)
    assert not board_keys.is_genuine(POLL, Share(1, bytes(16)), check)
    assert repr(share) == "<share 1>"  # never its value


@given(st.integers(1, 15), st.binary(min_size=16, max_size=16))
def test_a_paper_code_reads_back_and_a_typing_mistake_is_caught(index, value):
    share = Share(index, value)
    code = board_keys.paper_code(POLL, share)
    assert len(code) == 39 and code.count("-") == 7
    assert board_keys.read_paper_code(POLL, code.lower().replace("-", " ")) == share
    for position in range(0, len(code), 5):
        typo = code[:position] + ("B" if code[position] != "B" else "C") + code[position + 1 :]
        with pytest.raises(WrongShare):
            board_keys.read_paper_code(POLL, typo)
    with pytest.raises(WrongShare):
        board_keys.read_paper_code(POLL + 1, code)  # another poll's code


def test_look_alike_characters_are_read_as_the_letters_they_stand_for():
    share = Share(1, bytes(range(16)))
    code = board_keys.paper_code(POLL, share)
    assert board_keys.read_paper_code(POLL, code.replace("O", "0").replace("I", "1").replace("B", "8")) == share


def test_polls_sealed_with_the_site_key_before_the_board_still_open():
    key = site_key("a site's secret", POLL)
    sealed = seal_with_site_key(key, {"1": "yes"}, 20)
    for other in (site_key("a site's secret", POLL + 1), site_key("another secret", POLL)):
        with pytest.raises(UnreadableBallot):
            open_with_site_keys([other], sealed)
    assert open_with_site_keys([site_key("another secret", POLL), key], sealed) == {"1": "yes"}
