"""The worker's part of an upload: read one file into a draft, telling its job each step as it begins, so the
office's page shows the work rather than a bar stuck at 100%.

Safe to run again (hoinghi.core.jobs): an article read twice is one draft (its fingerprint), the second time a
duplicate of the first.
"""

import logging

from django.core.exceptions import ValidationError
from django_tasks import task

from hoinghi.core.jobs import retry_safe

from . import services
from .models import ImportJob

logger = logging.getLogger(__name__)
Step = ImportJob.Step


@retry_safe
@task()
def import_file(job_id: int) -> str:
    """Import the job's file; a refused file ends the job "failed" with the refusal, never raised."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.finished:
        return "missing" if job is None else job.step

    def progress(step: str) -> None:  # each step committed at once: the page polling the job sees it
        ImportJob.objects.filter(pk=job_id).update(step=step)

    outcome = {"content": b""}  # the file is in the draft now, or refused: it is not kept twice
    try:
        imported = services.do_import_article(
            job.created_by, name=job.name, content=bytes(job.content), url=job.url, progress=progress
        )
    except ValidationError as error:
        outcome |= {"step": Step.FAILED, "errors": error.messages}
    else:
        outcome |= {"step": Step.DONE, "article": imported.article, "duplicate": imported.duplicate}
    ImportJob.objects.filter(pk=job_id).update(**outcome)
    return str(outcome["step"])
