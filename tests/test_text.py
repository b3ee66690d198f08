import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from hoinghi.core.roman import roman_to_int
from hoinghi.core.text import clean, fold, match_key, nfc, one_tone_placement


def test_fold_removes_diacritics_and_folds_d():
    assert fold("Tỉnh ủy Hải Dương") == "tinh uy hai duong"
    assert fold("ĐỒNG CHÍ") == "dong chi"


def test_both_tone_placements_are_one_word():
    assert match_key("Tỉnh uỷ") == match_key("Tỉnh ủy") == "tỉnh ủy"
    assert one_tone_placement("hoà bình, thuỷ lợi, khoá XVII") == "hòa bình, thủy lợi, khóa XVII"
    assert one_tone_placement("quý") == "quý"


def test_nfd_input_is_stored_as_nfc():
    decomposed = unicodedata.normalize("NFD", "Nghị quyết")
    assert decomposed != "Nghị quyết"
    assert nfc(decomposed) == "Nghị quyết"
    assert clean("  Ban   Thường vụ \n") == "Ban Thường vụ"


@given(st.text())
def test_fold_keeps_length_of_nfc_so_offsets_map_back(text):
    assert len(fold(text)) == len(nfc(text))


@given(st.text(alphabet="aăâeêioôơuưyđAĂÂĐ áàảãạ"))
def test_fold_is_idempotent_and_ascii_for_vietnamese_letters(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii()


def test_roman_numerals():
    assert roman_to_int("XVII") == 17
    assert roman_to_int("xiv") == 14
    for bad in ["", "IIII", "17", "XVIIV"]:
        try:
            roman_to_int(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} accepted")
