"""The "iati.import" job (registered in apps.py): import the uploaded file, then match and
cross-check; "iati.import_folder" does the same with the files of the configured folder
(folder.py). Each batch of activities commits on its own and a re-run stores only what changed
(content hash), so a job started over is safe (docs/dev/jobs.md, "Re-running")."""

import os
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from mitra.core.exceptions import ApplicationError

from . import folder
from .pipeline import import_and_check

if TYPE_CHECKING:
    from mitra.jobs.models import Job


def run_iati_import_job(job: "Job", progress: Any) -> dict[str, Any]:
    if not job.input_file:
        raise ApplicationError(_("The uploaded file is gone; upload it again."))
    progress(0, total=0, stage="parsing")
    with job.input_file.open("rb") as stored:
        return import_and_check(
            sources=[(job.input_name or "upload.xml", stored)],
            actor=job.owner,
            job_id=job.pk,
            progress=progress,
        )


def run_iati_folder_job(job: "Job", progress: Any) -> dict[str, Any]:
    listed = job.params.get("files") or []
    names = [str(item.get("name", "")) for item in listed if isinstance(item, dict)]
    progress(0, total=0, stage="reading")
    with folder.opened_sources(names) as sources:
        sizes = [os.fstat(stream.fileno()).st_size for _name, stream in sources]
        return import_and_check(
            sources=sources,
            actor=job.owner,
            job_id=job.pk,
            progress=folder.BytesProgress(sources, sizes, progress),
        )
