"""Vietnamese dictionary order for the lists people pick from (core.text.collation_key), and where it is used."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from hoinghi.core.text import collated, collation_key
from hoinghi.directives.forms import DirectiveForm
from hoinghi.directory.models import Organization
from hoinghi.meetings.forms import ItemForm

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # none, huyền, hỏi, ngã, sắc, nặng
VOWELS = "aăâeêioôơuưy"

letters = st.sampled_from(ALPHABET)
bare_words = st.text(letters, min_size=1, max_size=8)


@st.composite
def dressed(draw, word: str) -> str:
    """`word` with any tones and capitals: what a writer may put on the same letters."""
    out = []
    for char in word:
        tone = draw(st.sampled_from(TONES)) if char in VOWELS else ""
        char = unicodedata.normalize("NFC", char + tone)
        out.append(char.upper() if draw(st.booleans()) else char)
    return "".join(out)


def test_the_offices_lists_read_in_dictionary_order():
    names = ["Huyện Tứ Kỳ", "HĐND tỉnh", "Hà Nội", "Đảng ủy Khối", "Dân vận", "Ủy ban", "Uông Bí", "Sở Y tế", "Ban"]
    assert collated(names) == ["Ban", "Dân vận", "Đảng ủy Khối", "Hà Nội", "HĐND tỉnh", "Huyện Tứ Kỳ", "Sở Y tế"] + [
        "Uông Bí",
        "Ủy ban",
    ]


def test_each_letter_with_a_mark_follows_its_plain_letter():
    for before, after in ["aă", "ăâ", "âb", "dđ", "đe", "eê", "êg", "oô", "ôơ", "ơp", "uư", "ưv"]:
        assert collation_key(before) < collation_key(after)
        assert collation_key(before.upper() + "z") < collation_key(after + "a")


def test_the_tones_order_words_otherwise_the_same():
    assert collated(["sợ", "sớ", "sỡ", "sở", "sờ", "sơ"]) == ["sơ", "sờ", "sở", "sỡ", "sớ", "sợ"]


@given(bare_words, bare_words, st.data())
def test_the_letters_decide_before_tones_and_capitals(first, second, data):
    """Two names of different letters sort by their letters, whatever tones and capitals they carry."""
    ranks = [ALPHABET.index(c) for c in first], [ALPHABET.index(c) for c in second]
    one, other = data.draw(dressed(first)), data.draw(dressed(second))
    if ranks[0] != ranks[1]:
        assert (collation_key(one) < collation_key(other)) == (ranks[0] < ranks[1])


@given(bare_words, st.data())
def test_a_word_with_no_tone_comes_before_the_same_word_with_one(word, data):
    toned = data.draw(dressed(word))
    assert collation_key(word) <= collation_key(toned)
    assert collation_key(word) < collation_key(word + "a")


@given(st.lists(st.text(min_size=0, max_size=12), max_size=12), st.randoms())
def test_the_order_does_not_depend_on_the_order_given(names, random):
    shuffled = names[:]
    random.shuffle(shuffled)
    assert [collation_key(n) for n in collated(shuffled)] == [collation_key(n) for n in collated(names)]


def test_the_forms_list_organizations_and_people_in_that_order(world, today):
    Organization.objects.create(name="Huyện Tứ Kỳ")
    Organization.objects.create(name="HĐND tỉnh")
    names = [label for value, label in DirectiveForm(day=today).fields["lead_organization"].choices if value]
    assert names == collated(names) and names.index("HĐND tỉnh") < names.index("Huyện Tứ Kỳ")
    item_form = ItemForm(meeting=world.meeting())
    presenters = [label for value, label in item_form.fields["presenter_organization"].choices if value]
    assert presenters == collated(presenters) and presenters.index("HĐND tỉnh") < presenters.index("Huyện Tứ Kỳ")
    people = [label for value, label in item_form.fields["presenter_person"].choices if value]
    assert people == collated(people)


def test_a_tone_mark_with_no_letter_sorts_as_punctuation():
    """Found by hypothesis: a lone combining mark (nothing before it to compose with) has a key, before letters."""
    assert collation_key("\u0300") < collation_key("a")
    assert collated(["b", "\u0300a", "a"]) == ["\u0300a", "a", "b"]
