"""Jobs: creation (stored input, audit, queued on commit), the runner (success, refusal,
crash, idempotent re-runs), progress, and the page with its htmx progress fragment."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.jobs import services
from mitra.jobs.models import Job
from mitra.jobs.registry import JobKind, get_kind, register_kind
from mitra.jobs.tasks import run_job

pytestmark = pytest.mark.django_db
CALLS: list[int] = []


def echo(job: Job, progress: Any) -> dict[str, Any]:
    """A real handler for the tests: counts its runs, reports progress, obeys `mode`."""
    CALLS.append(job.pk)
    mode = job.params.get("mode", "ok")
    progress(1, total=4, stage="counting")
    if mode == "refuse":
        raise ApplicationError("The input is refused.")
    if mode == "crash":
        raise RuntimeError("boom")
    data = job.input_file.read() if job.input_file else b""
    progress(4, total=4, stage="counting")
    return {"size": len(data), "language": job.language}


@pytest.fixture(autouse=True)
def echo_kind(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    CALLS.clear()
    register_kind(
        JobKind(
            name="tests.echo",
            label="Echo",
            handler=echo,
            stages={"counting": "Counting…"},
            back_url="dashboard:home",
        )
    )
    yield
    from mitra.jobs import registry

    registry._KINDS.pop("tests.echo", None)


@pytest.fixture
def owner():
    return UserFactory(officer=True)


def create(owner, *, mode="ok", capture=None, execute=True) -> Job:
    upload = SimpleUploadedFile("../../etc/Data Sheet.CSV", b"a,b\n1,2\n", "text/csv")
    with capture(execute=execute):
        job = services.job_create(
            kind="tests.echo", owner=owner, upload=upload, params={"mode": mode}, language="en"
        )
    job.refresh_from_db()
    return job


def test_create_stores_the_input_privately_audits_and_queues(
    owner, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        job = services.job_create(
            kind="tests.echo",
            owner=owner,
            upload=SimpleUploadedFile("../../etc/Data Sheet.CSV", b"a,b\n", "text/csv"),
        )
    assert job.status == Job.Status.QUEUED
    assert CALLS == []
    assert [c for c in queued if c.__qualname__.startswith("job_create")]
    # The user's file name is kept, never used as the path; the path is under private/.
    assert job.input_name == "Data Sheet.CSV"
    assert job.input_file.name.startswith("jobs/tests-echo/")
    assert job.input_file.name.endswith(".csv")
    assert job.input_file.path.startswith(str(settings.MEDIA_ROOT / "private"))
    with pytest.raises(ValueError, match="private"):
        job.input_file.url  # noqa: B018 - private inputs have no URL
    event = AuditEvent.objects.get(event="job.created")
    assert (event.actor, event.data["input_size"]) == (owner, 4)


def test_unknown_kind_is_refused_and_nothing_is_written(owner):
    with pytest.raises(ApplicationError):
        services.job_create(kind="nope", owner=owner)
    assert not Job.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_task_runs_the_handler_and_keeps_the_result(owner, django_capture_on_commit_callbacks):
    job = create(owner, capture=django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"size": 8, "language": "en"}
    assert (job.attempts, job.done, job.total, job.percent) == (1, 4, 4, 100)
    assert job.started_at
    assert job.finished_at
    events = list(AuditEvent.objects.order_by("id").values_list("event", flat=True))
    assert events == ["job.created", "job.started", "job.succeeded"]


def test_a_finished_job_is_never_run_again(owner, django_capture_on_commit_callbacks):
    job = create(owner, capture=django_capture_on_commit_callbacks)
    assert [job.pk] == CALLS
    assert services.job_run(job_id=job.pk) is None
    run_job.call(job_id=job.pk)  # a task delivered twice
    job.refresh_from_db()
    assert [job.pk] == CALLS
    assert job.attempts == 1
    failed = create(owner, mode="refuse", capture=django_capture_on_commit_callbacks)
    assert services.job_run(job_id=failed.pk) is None
    assert [job.pk, failed.pk] == CALLS


def test_an_interrupted_job_runs_again(owner, django_capture_on_commit_callbacks):
    job = create(owner, capture=django_capture_on_commit_callbacks, execute=False)
    # The worker died half-way: the job is still marked running.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1, done=1)
    services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts, CALLS) == (Job.Status.SUCCEEDED, 2, [job.pk])


def test_a_refusal_fails_the_job_with_its_message(owner, django_capture_on_commit_callbacks):
    job = create(owner, mode="refuse", capture=django_capture_on_commit_callbacks)
    assert (job.status, job.error) == (Job.Status.FAILED, "The input is refused.")
    assert AuditEvent.objects.filter(event="job.failed").count() == 1


def test_a_crash_fails_the_job_with_a_general_message(
    owner, django_capture_on_commit_callbacks, caplog
):
    job = create(owner, mode="crash", capture=django_capture_on_commit_callbacks)
    assert job.status == Job.Status.FAILED
    assert "unexpected error" in job.error
    assert "boom" not in job.error
    assert "boom" in caplog.text  # the details go to the log


def test_progress_counts_only_while_running(owner, django_capture_on_commit_callbacks):
    job = create(owner, capture=django_capture_on_commit_callbacks, execute=False)
    services.job_progress(job_id=job.pk, done=3, total=9)
    job.refresh_from_db()
    assert (job.done, job.total) == (0, 0)  # queued: ignored
    services.job_start(job_id=job.pk)
    services.job_progress(job_id=job.pk, done=3, total=9, stage="counting")
    job.refresh_from_db()
    assert (job.done, job.total, job.stage, job.percent, job.bar_step) == (3, 9, "counting", 33, 6)
    services.job_finish(job_id=job.pk, result={})
    with pytest.raises(ApplicationError):  # only a running job finishes
        services.job_finish(job_id=job.pk, result={})


def test_the_page_and_its_fragment_poll_while_running_and_stop_after(
    client, owner, django_capture_on_commit_callbacks
):
    job = create(owner, capture=django_capture_on_commit_callbacks, execute=False)
    services.job_start(job_id=job.pk)
    services.job_progress(job_id=job.pk, done=1, total=4, stage="counting")
    client.force_login(owner)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Echo" in page
    assert "Data Sheet.CSV" in page
    assert 'hx-get="{}"'.format(reverse("jobs:progress", args=[job.pk])) in page
    assert 'hx-trigger="every 1s"' in page
    assert 'role="progressbar"' in page
    assert 'aria-label="Progress of the job"' in page
    assert 'aria-valuenow="25"' in page
    assert "job-progress-5" in page
    assert "Counting…" in page
    assert 'style="' not in page.split('id="job-progress"')[1].split("</div>\n</div>")[0]
    fragment = client.get(reverse("jobs:progress", args=[job.pk]), headers={"HX-Request": "true"})
    assert "every 1s" in fragment.content.decode()
    assert "HX-Refresh" not in fragment
    services.job_finish(job_id=job.pk, result={"size": 1})
    fragment = client.get(reverse("jobs:progress", args=[job.pk]), headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert "hx-trigger" not in body
    assert "Finished" in body
    assert 'aria-valuenow="100"' in body
    assert fragment["HX-Refresh"] == "true"


def test_someone_elses_job_is_not_found(client, owner, django_capture_on_commit_callbacks):
    job = create(owner, capture=django_capture_on_commit_callbacks)
    client.force_login(UserFactory(operator=True))
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:progress", args=[job.pk])).status_code == 404


def test_the_registry_keeps_one_kind_per_name():
    assert get_kind("tests.echo").label == "Echo"
    assert get_kind("intake.import") is not None  # registered by intake's AppConfig.ready()
