"""Import, then match and cross-check the activities the import touched (one call for the
command, the job and the benchmark)."""

from typing import IO, TYPE_CHECKING, Any

from .crosscheck import crosscheck_run
from .matching import activity_matches_refresh, organization_matches_refresh
from .services import Progress, iati_import, import_summary

if TYPE_CHECKING:
    from mitra.accounts.models import User


def import_and_check(
    *,
    sources: list[tuple[str, IO[bytes]]],
    actor: "User | None",
    job_id: int | None = None,
    progress: Progress | None = None,
    check: bool = True,
) -> dict[str, Any]:
    run = iati_import(sources=sources, actor=actor, job_id=job_id, progress=progress)
    result = import_summary(run)
    if check:
        if progress:
            progress(run.activities_seen, total=0, stage="matching")
        result["organization_matches"] = organization_matches_refresh()
        result["activity_matches"] = activity_matches_refresh()
        result["findings"] = crosscheck_run()
    return result
