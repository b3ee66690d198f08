"""Readable names for audit actions and the fields their changes name."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "meeting.create": _("created the meeting"),
    "meeting.update": _("edited the meeting"),
    "meeting.schedule": _("scheduled the meeting"),
    "meeting.unschedule": _("took the meeting back to draft"),
    "meeting.start": _("opened the meeting"),
    "meeting.close": _("closed the meeting"),
    "meeting.issue_notice": _("issued the conclusion notice"),
    "meeting.reorder": _("reordered the agenda"),
    "meeting.current_item": _("took up an item"),
    "participant.add": _("added a participant"),
    "participant.remove": _("removed a participant"),
    "participant.attendance": _("recorded attendance"),
    "item.create": _("added the item"),
    "item.update": _("edited the item"),
    "item.link": _("linked the item to an earlier meeting"),
    "opinion.create": _("gave an opinion"),
    "conclusion.create": _("recorded the conclusion"),
    "conclusion.update": _("edited the conclusion"),
    "directive.create": _("added a directive"),
    "directive.update": _("edited a directive"),
    "document.upload": _("uploaded a paper"),
    "document.version": _("uploaded a new version"),
    "document.open": _("opened a paper"),
    "notice.issue": _("issued the conclusion notice"),
}

FIELDS = {
    "title": _("title"),
    "outcome": _("outcome"),
    "text": _("text"),
    "content": _("content"),
    "deadline": _("deadline"),
    "lead_organization": _("lead organization"),
    "coordinating_organizations": _("coordinating organizations"),
    "starts_at": _("date and time"),
    "place": _("place"),
    "number": _("number"),
    "kind": _("kind"),
    "confidentiality": _("confidentiality"),
    "presenter_organization": _("presenting organization"),
    "presenter_person": _("presenter"),
}
