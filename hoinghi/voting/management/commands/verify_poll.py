"""`hoinghi verify_poll PUBLISHED.json [--receipt CODE]`: recompute a published poll's result."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.voting.verify import verify


class Command(BaseCommand):
    help = gettext_lazy("Recompute a published poll's result from its published ballots or paper counts.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext_lazy("the poll's published.json"))
        parser.add_argument("--receipt", help=gettext_lazy("a receipt code, to check that its ballot was counted"))

    def handle(self, *args, file, receipt=None, **options):
        try:
            with open(file, encoding="utf-8") as source:
                outcome = verify(json.load(source), receipt)
        except OSError as error:
            raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}) from error
        except (ValueError, KeyError, TypeError) as error:
            raise CommandError(_("%(file)s is not a published poll record.") % {"file": file}) from error
        self.stdout.write(_("Ballots published: %(ballots)d; fingerprints: %(fingerprints)d.") % outcome)
        if outcome["receipt_counted"] is not None:
            counted = outcome["receipt_counted"]
            self.stdout.write(
                _("The receipt is among the ballots counted.")
                if counted
                else _("The receipt is not among the ballots counted.")
            )
        if not outcome["matches"]:
            self.stdout.write(json.dumps(outcome, ensure_ascii=False, indent=1))
            raise CommandError(_("The recomputed result differs from the published one."))
        self.stdout.write(self.style.SUCCESS(_("The recomputed result equals the published one.")))
