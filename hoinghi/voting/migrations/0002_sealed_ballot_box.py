import random
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from hoinghi.voting.rules import OPTIONS
from hoinghi.voting.seal import ballot_size, seal_with_site_key, site_key


def seal_or_count(apps, schema_editor):
    """Ballots of a poll still open are sealed where they lie; those of a closed poll become counted ballots."""
    Poll = apps.get_model("voting", "Poll")
    Ballot = apps.get_model("voting", "Ballot")
    CountedBallot = apps.get_model("voting", "CountedBallot")
    shuffle = random.SystemRandom().shuffle
    for poll in Poll.objects.filter(method="secret").exclude(status="draft"):
        filled = list(Ballot.objects.filter(poll=poll, choices__isnull=False))
        if poll.status == "open":
            key = site_key(settings.SECRET_KEY, poll.pk)
            size = ballot_size(poll.subjects.values_list("pk", flat=True), OPTIONS[poll.kind])
            for ballot in filled:
                ballot.sealed = seal_with_site_key(key, ballot.choices, size)
                Ballot.objects.filter(pk=ballot.pk).update(sealed=ballot.sealed)
        else:
            shuffle(filled)
            CountedBallot.objects.bulk_create(CountedBallot(poll=poll, choices=b.choices) for b in filled)


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="ballot",
            name="sealed",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.CreateModel(
            name="CountedBallot",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("choices", models.JSONField()),
                (
                    "poll",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="counted_ballots", to="voting.poll"
                    ),
                ),
            ],
        ),
        migrations.RunPython(seal_or_count, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="ballot",
            name="choices",
        ),
    ]
