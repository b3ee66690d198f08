"""Uploads handed to the worker: one job per file, read in the background (hoinghi.ingest.tasks), followed on a
page that shows each file's step. For the office only, like every import."""

import uuid
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _

from hoinghi.core.errors import require
from hoinghi.core.text import clean
from hoinghi.core.uploads import max_upload_mb

from .models import ImportJob
from .permissions import can_import
from .services import ONLY_OFFICE
from .tasks import import_file


def check_queue_imports(actor, files: list[tuple[str, bytes | None]], url: str = "") -> uuid.UUID:
    require(can_import(actor), ONLY_OFFICE)
    return do_queue_imports(actor, files, url)


@transaction.atomic
def do_queue_imports(actor, files: list[tuple[str, bytes | None]], url: str = "") -> uuid.UUID:
    """One job per (name, content) in the order given, queued once committed; the batch that follows them.
    A file whose content is None was over the size limit (the upload kept none of it): its job ends refused."""
    batch = uuid.uuid4()
    for position, (name, content) in enumerate(files):
        job = ImportJob(batch=batch, position=position, name=clean(name)[:255] or "article", url=url, created_by=actor)
        if content is None:
            job.step, job.errors = (
                ImportJob.Step.FAILED,
                [_("This file is larger than %(limit)s MB.") % {"limit": max_upload_mb()}],
            )
        else:
            job.content = content
        job.save()
        if content is not None:
            transaction.on_commit(partial(import_file.enqueue, job.pk))
    return batch
