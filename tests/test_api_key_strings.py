"""API keys as strings (hoinghi.api.keys, pure): every key made reads back with its prefix, nothing else passes for
a key, and the digest is the one stored."""

import hashlib
import string

from hypothesis import given
from hypothesis import strategies as st

from hoinghi.api import keys


def test_a_made_key_reads_back_with_its_prefix_and_no_two_are_alike():
    made = [keys.make() for _ in range(200)]
    assert all(keys.prefix_of(key) == prefix for key, prefix in made)
    assert len({key for key, _ in made}) == 200


@given(st.text(max_size=80))
def test_no_other_string_passes_for_a_key(text):
    shaped = text.startswith("hn_") and len(text) == 55 and text[11] == "_"
    assert keys.prefix_of(text) is None or shaped


@given(st.text(alphabet=string.ascii_letters + string.digits + "_-", min_size=43, max_size=43))
def test_the_digest_is_sha256_of_the_whole_key(secret):
    key = f"hn_abcdefgh_{secret}"
    assert keys.prefix_of(key) == "abcdefgh"
    assert keys.digest(key) == hashlib.sha256(key.encode()).hexdigest()


def test_a_digest_takes_any_string_a_header_may_carry():
    assert len(keys.digest("hn_\udcff")) == 64  # a lone surrogate, as a badly decoded header gives
