"""`hoinghi audit verify [--code CODE]`: check the audit log; `hoinghi audit head`: write its head outside the
database now (run it from cron, e.g. hourly)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import audit, audit_heads, audit_verify, chain
from hoinghi.core.audit_verify import local
from hoinghi.core.management.translated import TranslatedHelp


def describe(problem: chain.Problem) -> str:
    values = {"seq": problem.seq, "id": problem.event_id, "prev": problem.seq - 1, "range": problem.detail}
    if problem.kind == "missing":
        return _("Event #%(seq)d is missing: deleted (events %(range)s).") % values
    if problem.kind == "edited":
        return _("Event #%(seq)d (row %(id)s) was edited: its content no longer matches its hash.") % values
    if problem.kind == "inserted":
        return (
            _(
                "Event #%(seq)d (row %(id)s) was inserted: its number is taken or it is dated before the event "
                "before it."
            )
            % values
        )
    return (
        _(
            "Event #%(seq)d (row %(id)s) does not follow event #%(prev)d: events were moved, inserted or removed "
            "between them, or event #%(prev)d was rewritten."
        )
        % values
    )


def described_event(event: dict) -> str:
    return _("#%(seq)d of %(at)s: %(verb)s by %(who)s") % {
        "seq": event["seq"],
        "at": local(event["at"]),
        "verb": event["verb"],
        "who": event["actor_username"] or _("the system"),
    }


class Command(TranslatedHelp, BaseCommand):
    help = gettext_lazy("Check the audit log's chain and the heads written outside the database, or write the head.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        check = actions.add_parser("verify", help=gettext_lazy("check the chain and every head written outside it"))
        check.add_argument("--code", help=gettext_lazy("the verification code printed on a document"))
        actions.add_parser("head", help=gettext_lazy("write the chain's head outside the database now"))

    def handle(self, *args, action, code=None, **options):
        if action == "head":
            return self.write_head()
        if code is not None:
            return self.check_code(code)
        return self.check_log()

    def write_head(self):
        last = audit.head()
        if last is None:
            self.stdout.write(_("The audit log is empty."))
            return
        if not audit_heads.publish(last.seq, last.hash, last.at, "scheduled"):
            raise CommandError(_("Could not write to %(file)s.") % {"file": audit_heads.path()})
        self.stdout.write(chain.verification_code(last.seq, last.hash))

    def check_log(self):
        report = audit_verify.verify()
        file = audit_heads.path()
        if report.problem:
            self.stderr.write(describe(report.problem))
        for head, seq in report.unreached:
            values = {"seq": head.seq, "written": head.written_at, "line": head.line, "file": file}
            if seq is None:
                message = _(
                    "The head #%(seq)d written %(written)s (line %(line)d of %(file)s) is beyond the events "
                    "that hold: events up to #%(seq)d were deleted or cannot be trusted."
                )
            else:
                message = _(
                    "The head #%(seq)d written %(written)s (line %(line)d of %(file)s) is not reached: the "
                    "log was rewritten at or before event #%(seq)d."
                )
            self.stderr.write(message % values)
        for line in report.bad_lines:
            self.stderr.write(_("Line %(line)d of %(file)s is not a chain head.") % {"line": line, "file": file})
        if not report.intact:
            raise CommandError(_("The audit log has been tampered with."))
        last = described_event(report.last) if report.last else "—"
        self.stdout.write(
            self.style.SUCCESS(
                _("The audit log holds: %(events)d events, the last %(last)s; %(heads)d heads of %(file)s reached.")
                % {"events": report.events, "last": last, "heads": report.heads, "file": file}
            )
        )

    def check_code(self, code: str):
        result = audit_verify.verify_code(code)
        if result.malformed:
            example = "1234-7QX2-KD9M-A3TF-W8RB"
            raise CommandError(_("%(code)s is not a verification code (e.g. %(example)s).") % locals())
        if result.problem:
            self.stderr.write(describe(result.problem))
            raise CommandError(_("The log breaks before the event the code names: it cannot prove it."))
        if result.missing:
            raise CommandError(_("The log has no event %(code)s names: events were deleted.") % {"code": code})
        if result.mismatch:
            raise CommandError(
                _("The event the code names is not the one printed: the log was rewritten at or before it.")
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("The code proves the log up to event %(event)s.") % {"event": described_event(result.event)}
            )
        )
