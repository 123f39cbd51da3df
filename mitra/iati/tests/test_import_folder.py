"""Import from the configured folder (issue 17 §1, mitra/iati/folder.py): the import page lists
the folder's XML files, an operator queues one job for them, the task worker imports them through
the same pipeline as an upload, with a progress bar in megabytes; a folder that is unset,
missing, empty, too full or holds a file over the size cap queues nothing and says why."""

import io
import os
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.world import World, build_world
from mitra.iati import folder
from mitra.iati.demo import FORD_DEMO_FILE
from mitra.iati.models import Activity, ImportRun
from mitra.jobs.models import Job

from .helpers import activity, xml

pytestmark = pytest.mark.django_db

FORD_XML = activity(
    "US-EIN-13-1684331-FOLDER",
    '<reporting-org ref="US-EIN-13-1684331" type="60"><narrative>Ford Foundation</narrative>'
    '</reporting-org><recipient-country code="ID"/>',
)
ELSEWHERE_XML = activity("XM-DAC-1-ELSEWHERE", '<recipient-country code="KE"/>')


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def inbox(tmp_path: Path, settings) -> Path:
    path = tmp_path / "iati-inbox"
    path.mkdir()
    settings.MITRA = {**settings.MITRA, "IATI_IMPORT_FOLDER": str(path)}
    return path


def _write(path: Path, *activities: str) -> None:
    path.write_bytes(xml(*activities).getvalue())


def _operator(client, world: World) -> None:
    client.force_login(world.users["operator"])


def _error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_without_a_configured_folder_the_page_offers_uploads_only(client, world, settings):
    settings.MITRA = {**settings.MITRA, "IATI_IMPORT_FOLDER": ""}
    _operator(client, world)
    page = client.get(reverse("iati:upload"))
    assert page.status_code == 200
    assert b'id="iati-folder"' not in page.content
    assert client.post(reverse("iati:import_folder")).status_code == 404
    assert not Job.objects.exists()


def test_the_page_lists_only_the_folders_own_xml_files(client, world, inbox):
    _write(inbox / "ford.xml", FORD_XML)
    _write(inbox / "B-upper.XML", ELSEWHERE_XML)
    (inbox / "notes.txt").write_text("not IATI")
    _write(inbox / ".hidden.xml", FORD_XML)
    (inbox / "old").mkdir()
    _write(inbox / "old" / "nested.xml", FORD_XML)
    os.symlink(FORD_DEMO_FILE, inbox / "link.xml")
    _operator(client, world)
    page = client.get(reverse("iati:upload")).content.decode()
    assert 'id="iati-folder-files"' in page
    assert "ford.xml" in page
    assert "B-upper.XML" in page
    for left_alone in ("notes.txt", ".hidden.xml", "nested.xml", "link.xml"):
        assert left_alone not in page, left_alone
    assert 'id="iati-folder-submit"' in page
    assert [f.name for f in folder.folder_files(inbox)] == ["B-upper.XML", "ford.xml"]


def test_an_operator_imports_the_folder_as_one_job(
    client, world, inbox, django_capture_on_commit_callbacks
):
    _write(inbox / "ford.xml", FORD_XML)
    _write(inbox / "elsewhere.xml", ELSEWHERE_XML)
    _operator(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("iati:import_folder"))
    job = Job.objects.get(kind="iati.import_folder")
    assert response.status_code == 302
    assert response.url == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert [f["name"] for f in job.params["files"]] == ["elsewhere.xml", "ford.xml"]
    assert job.result["activities"] == 2
    assert job.result["created"] == 1
    assert job.result["not_indonesia"] == 1
    assert list(Activity.objects.values_list("identifier", flat=True)) == [
        "US-EIN-13-1684331-FOLDER"
    ]
    run = ImportRun.objects.get()
    assert run.source == "elsewhere.xml, ford.xml"
    assert run.created_by == world.users["operator"]
    assert AuditEvent.objects.filter(event="job.created", target_id=job.pk).exists()
    assert AuditEvent.objects.filter(event="iati_import.finished", target_id=run.pk).exists()
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert b"iati-import-result" in page.content
    # a second run of the same folder stores nothing new
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("iati:import_folder"))
    again = Job.objects.filter(kind="iati.import_folder").latest("pk")
    assert again.result["created"] == 0
    assert again.result["unchanged"] == 1


@pytest.mark.parametrize("role", ["officer", "viewer", "other_officer", "org_representative"])
def test_only_operators_may_import_the_folder(client, world, inbox, role):
    _write(inbox / "ford.xml", FORD_XML)
    client.force_login(world.users[role])
    assert client.post(reverse("iati:import_folder")).status_code == 403
    assert not Job.objects.exists()


def test_anonymous_is_sent_to_log_in(client, world, inbox):
    _write(inbox / "ford.xml", FORD_XML)
    response = client.post(reverse("iati:import_folder"))
    assert response.status_code == 302
    assert "login" in response.url
    assert not Job.objects.exists()


def _refused(client, expected: str) -> None:
    response = client.post(reverse("iati:import_folder"))
    assert response.status_code == 302
    assert response.url == reverse("iati:upload")
    assert any(expected in m for m in _error_messages(response)), _error_messages(response)
    assert not Job.objects.exists()
    assert not ImportRun.objects.exists()
    page = client.get(reverse("iati:upload")).content.decode()
    assert 'id="iati-folder-problem"' in page
    assert 'id="iati-folder-submit"' not in page


def test_a_missing_folder_is_named_and_nothing_is_queued(client, world, inbox, settings):
    gone = inbox / "not-there"
    settings.MITRA = {**settings.MITRA, "IATI_IMPORT_FOLDER": str(gone)}
    _operator(client, world)
    _refused(client, f"The folder {gone} does not exist.")


def test_a_file_in_place_of_the_folder_is_named(client, world, inbox, settings):
    _write(inbox / "ford.xml", FORD_XML)
    settings.MITRA = {**settings.MITRA, "IATI_IMPORT_FOLDER": str(inbox / "ford.xml")}
    _operator(client, world)
    _refused(client, "is not a folder")


def test_an_empty_folder_queues_nothing(client, world, inbox):
    (inbox / "readme.txt").write_text("drop IATI files here")
    _operator(client, world)
    _refused(client, "The folder holds no .xml file.")


def test_a_file_over_the_size_cap_queues_nothing(client, world, inbox, settings):
    _write(inbox / "ford.xml", FORD_XML)
    (inbox / "huge.xml").write_bytes(b" " * 4096)
    settings.IATI_MAX_FILE_BYTES = 2048
    _operator(client, world)
    _refused(client, "huge.xml")


def test_too_many_files_queue_nothing(client, world, inbox, monkeypatch):
    for n in range(3):
        _write(inbox / f"f{n}.xml", FORD_XML)
    monkeypatch.setattr(folder, "MAX_FILES", 2)
    _operator(client, world)
    _refused(client, "at most 2 are imported at once")


def test_a_file_gone_before_the_job_runs_fails_it_and_writes_nothing(client, world, inbox):
    _write(inbox / "ford.xml", FORD_XML)
    _write(inbox / "later.xml", ELSEWHERE_XML)
    _operator(client, world)
    client.post(reverse("iati:import_folder"))  # queued; the worker has not run it yet
    job = Job.objects.get(kind="iati.import_folder")
    (inbox / "later.xml").unlink()
    from mitra.jobs.tasks import run_job

    run_job.call(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "later.xml" in job.error
    assert "Start the import again" in job.error
    assert not ImportRun.objects.exists()
    assert not Activity.objects.exists()


def test_a_hostile_file_in_the_folder_fails_the_job_with_its_name(
    client, world, inbox, django_capture_on_commit_callbacks
):
    (inbox / "evil.xml").write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><iati-activities/>'
    )
    _operator(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("iati:import_folder"))
    job = Job.objects.get(kind="iati.import_folder")
    assert job.status == Job.Status.FAILED
    assert "evil.xml" in job.error
    assert "DTD or entities" in job.error
    assert not Activity.objects.exists()


def test_job_names_outside_the_folder_are_refused(inbox):
    (inbox.parent / "secret.xml").write_bytes(xml(FORD_XML).getvalue())
    for names in (["../secret.xml"], [str(inbox.parent / "secret.xml")], [".x.xml"], []):
        with pytest.raises(ApplicationError, match="names no file"), folder.opened_sources(names):
            pass


def test_progress_is_megabytes_read_of_the_files_total():
    reports: list[tuple[int, int | None, str | None]] = []
    first, second = io.BytesIO(b"x" * (3 * 2**20)), io.BytesIO(b"y" * (2 * 2**20))
    sources = [("a.xml", first), ("b.xml", second)]
    progress = folder.BytesProgress(
        sources,
        [5 * 2**20 // 2, 5 * 2**20 // 2],
        lambda d, total=None, stage=None: reports.append((d, total, stage)),
    )
    first.seek(3 * 2**20)
    second.seek(2**20)
    progress(123, stage="parsing")  # the import's count of activities is replaced by bytes
    progress(400, total=0, stage="matching")  # later stages pass through
    assert reports == [(4, 5, "reading"), (400, 0, "matching")]
