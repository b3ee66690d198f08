"""The extractor's warnings in the reader's language.

`hoinghi extract` writes its warnings in English (a JSON record for any tool); the review screen shows them
through these patterns, one per kind of warning the extractor and the reader give.
"""

import re

from django.utils.translation import gettext_lazy as _

_KNOWN = [
    (re.compile(r"empty article: no text$"), _("The article is empty: there is no text.")),
    (re.compile(r"the text does not look Vietnamese$"), _("The text does not look Vietnamese.")),
    (
        re.compile(r"no meeting body found: perhaps not a meeting article$"),
        _("No meeting body was found: perhaps this is not a meeting article."),
    ),
    (
        re.compile(r"session number conflict: title says (?P<title>\d+), text says (?P<text>\d+); kept \d+$"),
        _("The title gives meeting number %(title)s, the text %(text)s: the text's number was kept. Check it."),
    ),
    (
        re.compile(r"meeting day (?P<day>[\d/]+) has no year and the article has no publication date$"),
        _("The meeting day %(day)s has no year, and the article no publication date: enter the date."),
    ),
    (
        re.compile(r"no meeting date found$"),
        _("No meeting date was found in the article: enter the day the meeting was held."),
    ),
    (re.compile(r"extraction stopped early: \w+$"), _("Reading stopped early: check every part of the record.")),
    (re.compile(r"binary file: no text$"), _("The file is not text.")),
    (re.compile(r"encoding detected as (?P<encoding>\S+)$"), _("The file was not UTF-8; read as %(encoding)s.")),
    (re.compile(r"undecodable bytes replaced$"), _("Some characters could not be read and were replaced.")),
]


def translated(warning: str) -> str:
    """The warning in the active language; one of an unknown kind as it is."""
    for pattern, message in _KNOWN:
        found = pattern.match(warning)
        if found:
            return message % found.groupdict() if found.groupdict() else str(message)
    return warning
