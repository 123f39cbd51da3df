"""Issue 16 §1 on the izin prinsip application: the task list links each section with its tag,
check your answers is the only way to submit, the confirmation panel gives the reference, what
happens next and the expected time; the return-for-correction reasons have labels."""

from typing import Any

import pytest

from mitra.permits import services
from mitra.permits.models import Application

pytestmark = pytest.mark.django_db


def test_task_list_links_each_section_with_its_tag(client, rep, ngo):
    application = services.application_create(organization=ngo, actor=rep)
    client.force_login(rep)
    body = client.get(f"/en/permits/applications/{application.pk}/").content.decode()
    tasks = body.split('id="task-list"')[1].split("</ul>")[0]
    edit = f"/en/permits/applications/{application.pk}/edit/"
    assert f'href="{edit}#section-programmes"' in tasks
    assert f'href="/en/permits/applications/{application.pk}/#documents"' in tasks
    assert "Not started" in tasks
    assert 'id="section-programmes"' in client.get(edit).content.decode()


def test_task_tags_completed_in_progress(draft):
    from mitra.permits.validation import section_progress

    progress = section_progress(draft)
    assert progress["profile"] == "completed"
    draft.funding_amount = None
    assert section_progress(draft)["funds"] == "in_progress"


def test_check_page_lists_every_answer_and_is_the_only_way_to_submit(client, rep, draft):
    client.force_login(rep)
    url = f"/en/permits/applications/{draft.pk}/check/"
    body = client.get(url).content.decode()
    assert "Check your answers" in body
    assert draft.programmes.splitlines()[0] in body
    assert f"/en/permits/applications/{draft.pk}/edit/#section-funds" in body
    assert 'name="checked"' in body
    action = f"/en/permits/applications/{draft.pk}/actions/submit/"
    # Not from the check page: back to it, nothing submitted.
    response = client.post(action)
    assert response.status_code == 302
    assert response.url == url
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT
    response = client.post(action, {"checked": "1"})
    assert response.url == f"/en/permits/applications/{draft.pk}/submitted/"
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    panel = client.get(response.url).content.decode()
    assert 'id="confirmation-panel"' in panel
    assert draft.reference in panel
    assert "What happens next" in panel
    assert "Not enough cases yet" in panel
    assert "Done." not in panel
    # Submitted: the check page now leads back to the application.
    assert client.get(url).status_code == 302


def test_check_page_of_an_incomplete_application_links_the_missing_sections(client, rep, ngo):
    application = services.application_create(organization=ngo, actor=rep)
    client.force_login(rep)
    body = client.get(f"/en/permits/applications/{application.pk}/check/").content.decode()
    assert "There is a problem" in body
    assert 'href="#check-funds"' in body
    assert 'id="application-submit"' not in body


def test_expected_time_from_the_statistics(monkeypatch: Any):
    from mitra.permits import selectors

    rows = [
        {"kind": "New", "track": "T", "stage": "a", "count": 9, "enough": True, "median": 3.0},
        {"kind": "New", "track": "T", "stage": "b", "count": 9, "enough": True, "median": 4.5},
    ]
    monkeypatch.setattr(selectors, "public_processing_statistics", lambda: rows)
    monkeypatch.setattr(selectors, "Track", lambda value: type("L", (), {"label": "T"})())
    monkeypatch.setattr(
        selectors.Application, "Kind", lambda value: type("L", (), {"label": "New"})()
    )
    assert selectors.expected_processing_days(kind="new", track="t") == 7.5
    rows[1]["enough"] = False
    assert selectors.expected_processing_days(kind="new", track="t") is None


def test_return_reasons_are_labelled_checkboxes(client, secretariat, draft, rep):
    services.application_submit(application_id=draft.pk, actor=rep)
    services.application_open_verification(application_id=draft.pk, actor=secretariat)
    client.force_login(secretariat)
    body = client.get(f"/en/permits/applications/{draft.pk}/").content.decode()
    block = body.split("return/")[1].split("</form>")[0]
    assert 'class="form-check-input"' in block
    assert 'for="id_reasons_0"' in block
    assert "A required document is missing" in block
    assert "form-control" not in block.split('name="text"')[0]
