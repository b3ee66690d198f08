"""Password rules beside Django's (length, common passwords in English, likeness to the account's details):
passwords that are common in Vietnamese, that contain the person's name with or without diacritics, or that are a
word and a year ("hanoi2024", "Matkhau@2025"). Each password is read folded: lower case, without diacritics,
without spaces or signs."""

import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hoinghi.core.text import fold

COMMON = Path(__file__).parent / "data" / "common_passwords_vi.txt"
# Middle names that mark a man's or a woman's name: in almost every name, so not a sign of this person's.
MIDDLE_MARKERS = {"van", "thi"}
WORD_AND_YEAR = re.compile(r"^(?:[a-z]+(?:19|20)\d\d|(?:19|20)\d\d[a-z]+)$")


def folded(text: str) -> str:
    return "".join(char for char in fold(text).lower() if char.isalnum())


@cache
def common_words() -> frozenset[str]:
    lines = COMMON.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class VietnameseCommonPasswordValidator:
    def validate(self, password, user=None):
        plain = folded(password)
        if plain in common_words() or plain.rstrip("0123456789") in common_words():
            raise ValidationError(_("This password is too common."), code="password_too_common")

    def get_help_text(self):
        return _("Your password cannot be a word often used in Vietnam (matkhau, anhyeuem, …), with digits or not.")


def name_parts(user) -> set[str]:
    """What of the person's names a password must not contain, folded."""
    names = [user.get_username(), user.first_name, user.last_name]
    person = getattr(user, "person", None)
    if person is not None:
        names.append(person.full_name)
    parts = set()
    for name in filter(None, names):
        words = [folded(word) for word in name.split()]
        words = [word for word in words if word]
        if not words:
            continue
        parts |= {"".join(words), words[0] + words[-1], words[-1] + words[0]}
        parts |= {word for word in words if len(word) >= 3 and word not in MIDDLE_MARKERS}
    return {part for part in parts if len(part) >= 3}


class NameValidator:
    def validate(self, password, user=None):
        if user is None:
            return
        plain = folded(password)
        if any(part in plain for part in name_parts(user)):
            raise ValidationError(_("The password must not contain your name."), code="password_has_name")

    def get_help_text(self):
        return _("Your password cannot contain your name, with or without diacritics.")


class WordAndYearValidator:
    def validate(self, password, user=None):
        if WORD_AND_YEAR.match(folded(password)):
            raise ValidationError(
                _("A word and a year is guessed early: choose something longer or less usual."),
                code="password_word_and_year",
            )

    def get_help_text(self):
        return _("Your password cannot be a word and a year.")
