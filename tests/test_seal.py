"""The ballot box's seal (hoinghi/voting/seal.py): what a cast writes can be read only with the site's secret."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.voting.rules import OPTIONS
from hoinghi.voting.seal import UnreadableBallot, ballot_size, box_key, seal, unseal

KEY = box_key("a site's secret", 7)
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
    sealed = [seal(KEY, ballot, size) for ballot in ballots]
    assert len({len(value) for value in sealed}) == 1  # the length does not tell the choices
    assert len(set(sealed)) == len(sealed)  # nor does equality: the same choices never seal alike
    assert [unseal([KEY], value) for value in sealed] == ballots


def test_only_the_polls_key_from_the_sites_secret_opens_it():
    sealed = seal(KEY, {"1": "yes"}, 20)
    for other in (box_key("a site's secret", 8), box_key("another secret", 7)):
        with pytest.raises(UnreadableBallot):
            unseal([other], sealed)
    assert unseal([box_key("another secret", 7), KEY], sealed) == {"1": "yes"}  # a rotated secret's fallback


def test_an_altered_seal_is_refused():
    sealed = bytearray(seal(KEY, {"1": "yes"}, 20).encode())
    sealed[-6] = ord("A") if sealed[-6] != ord("A") else ord("B")
    with pytest.raises(UnreadableBallot):
        unseal([KEY], sealed.decode())


def test_a_ballot_longer_than_its_poll_allows_is_not_sealed():
    with pytest.raises(ValueError):
        seal(KEY, {"1": "abstain"}, ballot_size([1], ["yes", "no"]))
