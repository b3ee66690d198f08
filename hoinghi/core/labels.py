"""Readable names for audit actions, the fields their changes name and the values those fields held."""

import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "meeting.create": _("created the meeting"),
    "meeting.update": _("edited the meeting"),
    "meeting.schedule": _("scheduled the meeting"),
    "meeting.unschedule": _("took the meeting back to draft"),
    "meeting.start": _("opened the meeting"),
    "meeting.close": _("closed the meeting"),
    "meeting.issue_notice": _("issued the conclusion notice"),
    "meeting.record_held": _("recorded the meeting as held"),
    "meeting.reorder": _("reordered the agenda"),
    "meeting.current_item": _("took up an item"),
    "meeting.delete": _("deleted the draft meeting"),
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
    "directive.report": _("reported progress"),
    "directive.report_done": _("reported the directive done"),
    "directive.report_correct": _("corrected a progress report"),
    "directive.extension_request": _("asked for an extension"),
    "directive.extension_grant": _("granted the extension"),
    "directive.extension_refuse": _("refused the extension"),
    "directive.confirm_done": _("confirmed the directive done"),
    "directive.return": _("returned the directive to the unit"),
    "directive.cancel": _("cancelled the directive"),
    "directive.transfer": _("passed the directive to the successor organization"),
    "directive.priority_set": _("flagged the directive as a priority"),
    "directive.priority_unset": _("removed the priority flag"),
    "directive.remind": _("sent a deadline reminder"),
    "directive.remind_request": _("asked for a deadline reminder to be sent now"),
    "directive.settings": _("changed the follow-up settings"),
    "figure.report": _("reported a figure"),
    "figure.correct": _("corrected a figure"),
    "figure.approve": _("approved a figure"),
    "figure.return": _("returned a figure to its unit"),
    "figure.import": _("imported figures from Excel"),
    "resolution.create": _("created the resolution"),
    "resolution.update": _("edited the resolution"),
    "target.create": _("added a target"),
    "target.update": _("edited a target"),
    "target.revise": _("changed the target's definition"),
    "target.rescope": _("changed the target's scope"),
    "document.upload": _("uploaded a paper"),
    "document.version": _("uploaded a new version"),
    "document.open": _("opened a paper"),
    "notice.issue": _("issued the conclusion notice"),
    "poll.create": _("created a poll"),
    "poll.delete": _("deleted a draft poll"),
    "poll.open": _("opened a poll"),
    "poll.close": _("closed a poll"),
    "poll.publish": _("published a poll's result"),
    "poll.paper_tally": _("entered the counting board's figures"),
    "poll.board": _("named the counting board"),
    "poll.board_device": _("registered a counting board member's device"),
    "poll.share_given": _("gave a share of the ballot box's key"),
    "poll.count": _("counted the ballots"),
    "vote.record": _("recorded a vote's result"),
    "organization.create": _("added an organization"),
    "organization.update": _("edited an organization"),
    "person.create": _("added a person"),
    "body.create": _("added a body"),
    "body.update": _("edited a body"),
    "term.create": _("added a term"),
    "term.update": _("edited a term"),
    "reorganization.record": _("recorded a reorganization"),
    "account.move": _("moved the account to the successor organization"),
    "ingest.import": _("imported an article"),
    "ingest.reimport": _("imported the article again"),
    "ingest.review": _("saved the article's review"),
    "ingest.accept": _("accepted the article as a meeting"),
    "ingest.discard": _("discarded the article"),
    "demo.load": _("loaded the demo data"),
    "demo.password_renewed": _("renewed the demo passwords"),
    "poll.paper_correction": _("corrected the counting board's figures"),
    "admin.add": _("added in the administration"),
    "admin.change": _("changed in the administration"),
    "admin.delete": _("deleted in the administration"),
    "account.sign_in": _("signed in"),
    "account.sign_out": _("signed out"),
    "account.sign_in_failed": _("failed to sign in"),
    "account.locked_out": _("was locked out of signing in from an address"),
    "account.two_factor_set_up": _("set up two-factor sign-in"),
    "account.two_factor_reset": _("reset the account's two-factor sign-in"),
    "account.recovery_codes": _("made new recovery codes"),
    "account.password_change": _("changed the password"),
    "account.password_reset": _("set the account's password"),
    "account.sign_out_everywhere": _("signed out everywhere"),
    "request.refused": _("was refused a page"),
    "api_key.create": _("made an API key"),
    "api_key.revoke": _("revoked an API key"),
    "api_key.refused": _("was refused with an API key no longer valid"),
    "article.create": _("wrote the portal article"),
    "article.update": _("edited the portal article"),
    "article.draft": _("took the portal article back to draft"),
    "article.review": _("sent the portal article for review"),
    "article.scheduled": _("scheduled the portal article"),
    "article.published": _("published the portal article"),
    "article.withdrawn": _("withdrew the portal article"),
    "notice.create": _("posted a notice on the portal"),
    "notice.delete": _("removed a notice from the portal"),
    "notice.update": _("edited a notice of the portal"),
    "schedule.add_entry": _("added an engagement to the weekly schedule"),
    "schedule.update_entry": _("edited an engagement of the weekly schedule"),
    "schedule.remove_entry": _("removed an engagement from the weekly schedule"),
    "schedule.publish": _("published the weekly schedule"),
    "schedule.unpublish": _("took the weekly schedule off the portal"),
    "document.create": _("added a document to the portal's library"),
    "document.publish": _("made a library document public"),
    "document.unpublish": _("took a library document off the portal"),
    "document.update": _("edited a document of the portal's library"),
    "photo.create": _("added a photo to the portal"),
    "backup.create": _("made a backup of the database and the files"),
    "backup.restore": _("restored a backup of the database and the files"),
}

FIELDS = {
    "title": _("title"),
    "name": _("name"),
    "body": _("body"),
    "term": _("term"),
    "organization": _("organization"),
    "short_name": _("short name"),
    "signature_heading": _("signature heading"),
    "quorum_numerator": _("quorum numerator"),
    "quorum_denominator": _("quorum denominator"),
    "ordinal": _("term"),
    "start": _("start"),
    "end": _("end"),
    "issued_on": _("issued on"),
    "period_start": _("from the year"),
    "period_end": _("to the year"),
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
    "days_before": _("reminder, days before the deadline"),
    "update_period_days": _("update period, days"),
    "value": _("value"),
    "weight": _("base"),
    "indicator": _("indicator"),
    "expires_on": _("shown until"),
    "day": _("day"),
    "time": _("time"),
    "leader": _("leader"),
    "chair": _("chaired by"),
    "issuer": _("issuing body"),
    "doc_type": _("type"),
    "summary": _("summary"),
    "is_public": _("public"),
    "file": _("file"),
}


def _field(object_type: str, name: str):
    try:
        return apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def _looks_like_a_day(value: str) -> bool:
    """ "2021-09-30" or "2021-09-30T14:00:00+07:00": a value whose field is gone, still written as a date."""
    return len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit()


def _moment(value: str, field) -> str:
    """An ISO date or time as the log keeps it, day first: "30/09/2021", "30/09/2021 14:00" (local time)."""
    try:
        if isinstance(field, models.DateTimeField) or (field is None and "T" in value):
            moment = datetime.datetime.fromisoformat(value)
            moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
            return moment.strftime("%d/%m/%Y %H:%M")
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value


def value_label(object_type: str, name: str, value) -> str:
    """A value of a change in the log as the page's reader says it: a choice by its label ("approved" →
    "Đồng ý"), a date day first, a list joined; other values as they were written."""
    if value is None or value == "":
        return ""
    if isinstance(value, list):
        return ", ".join(value_label(object_type, name, item) for item in value)
    field = _field(object_type, name)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and (isinstance(field, models.DateField) or (field is None and _looks_like_a_day(value))):
        return _moment(value, field)
    return str(value)
