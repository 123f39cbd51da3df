"""The kinds of job: each app above declares its own in `AppConfig.ready()`.

    from mitra.jobs.registry import JobKind, register_kind
    register_kind(JobKind(name="intake.import", label=_("Import"), handler=run_import, ...))

The jobs app never imports the apps whose jobs it runs (docs/dev/architecture.md): it calls
the handler it was given. A handler is `handler(job, progress) -> dict`: it does the work,
reports progress through `progress(done, total=None, stage=None)` and returns the result (JSON)
that the job keeps. It raises `ApplicationError` for input it refuses (the job fails with that
message). A handler that writes may call `services.job_finish` itself inside its own transaction,
so that its writes and the job's success commit together (then a re-run finds the job done).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.functional import Promise

if TYPE_CHECKING:
    from .models import Job


class Progress(Protocol):
    def __call__(self, done: int, total: int | None = None, stage: str | None = None) -> None: ...


Handler = Callable[["Job", Progress], dict[str, Any]]


@dataclass(frozen=True)
class JobKind:
    name: str  # "<app>.<what>", stored on the job
    label: str | Promise  # shown as the page's title
    handler: Handler
    # Rendered on the job page once the job has finished, with `job` and `result`.
    result_template: str = ""
    # Stage codes the handler reports → the labels shown next to the bar.
    stages: dict[str, str | Promise] = field(default_factory=dict)
    # Where the user goes back to (a URL name without arguments), e.g. the upload form.
    back_url: str = ""


_KINDS: dict[str, JobKind] = {}


def register_kind(kind: JobKind) -> None:
    """Idempotent for the same name (ready() can run twice in tests)."""
    _KINDS[kind.name] = kind


def get_kind(name: str) -> JobKind | None:
    return _KINDS.get(name)


def kinds() -> dict[str, JobKind]:
    return dict(_KINDS)
