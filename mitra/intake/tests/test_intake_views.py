"""New from text pages: access, paste → review → confirm, errors, escaping."""

import pytest
from django.urls import reverse

from mitra.agreements.models import Agreement
from mitra.intake.models import IntakeSubmission
from mitra.intake.services import intake_submission_create

from .conftest import nothing_written

pytestmark = pytest.mark.django_db


def review_post_data(response, *, confirm: bool = True) -> dict:
    """The review form as the browser would submit it, with its initial values; `confirm`: as
    submitted again from the check-your-answers page (the entries carried, and "Confirm")."""
    data = {}
    for form in [response.context["meeting_form"], *response.context["formset"].forms]:
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                continue
            if isinstance(value, list):
                data[key] = value
            elif hasattr(field, "to_field_name") and hasattr(value, "pk"):
                data[key] = getattr(value, field.to_field_name or "pk")
            else:
                data[key] = value
    management = response.context["formset"].management_form
    for name in management.fields:
        data[management.add_prefix(name)] = management[name].value()
    if confirm:
        data["confirm"] = "1"
    return data


def test_new_page_for_editors_only(client, officer, viewer, ford_rep, operator):
    url = reverse("intake:new")
    assert client.get(url).status_code == 302  # anonymous → login
    for user, expected in ((viewer, 403), (ford_rep, 403), (officer, 200), (operator, 200)):
        client.force_login(user)
        assert client.get(url).status_code == expected, user.username


def test_navbar_link_for_editors_only(client, officer, viewer):
    client.force_login(viewer)
    assert 'id="nav-intake"' not in client.get(reverse("agreements:list")).content.decode()
    client.force_login(officer)
    assert 'id="nav-intake"' in client.get(reverse("agreements:list")).content.decode()


def test_viewer_cannot_post(client, viewer, press_text):
    client.force_login(viewer)
    with nothing_written():
        response = client.post(reverse("intake:new"), {"text": press_text})
    assert response.status_code == 403


def test_paste_review_confirm(client, officer, earlier, press_text):
    client.force_login(officer)
    response = client.post(reverse("intake:new"), {"text": press_text})
    assert response.status_code == 302
    submission = IntakeSubmission.objects.get()
    assert response.url == reverse("intake:review", args=[submission.pk])
    review = client.get(response.url)
    html = review.content.decode()
    assert review.status_code == 200
    assert "<mark" in html
    assert "Gedung F Kementerian Dalam Negeri" in html
    assert "proposed as the renewal of" in html
    assert earlier["uclg_old"].title in html
    assert earlier["ford_old"].title in html
    assert "Sekretaris Jenderal" in html
    assert "Regional Director" in html
    data = review_post_data(review)
    response = client.post(reverse("intake:review", args=[submission.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    submission.refresh_from_db()
    assert submission.status == "confirmed"
    created = Agreement.objects.filter(pk__in=submission.created_records["agreements"])
    assert {a.renews_id for a in created} == {earlier["uclg_old"].pk, earlier["ford_old"].pk}
    detail = client.get(response.url)
    assert detail.status_code == 200
    # Confirming twice does nothing.
    with nothing_written():
        again = client.post(reverse("intake:review", args=[submission.pk]), data)
    assert again.status_code == 400


def test_review_on_demo_data_says_already_recorded(client, officer, demo_like, press_text):
    client.force_login(officer)
    submission = intake_submission_create(text=press_text, actor=officer)
    review = client.get(reverse("intake:review", args=[submission.pk]))
    html = review.content.decode()
    assert html.count("Already recorded:") == 2
    assert demo_like["uclg_new"].title in html
    data = review_post_data(review)
    assert data["agreements-0-action"] == "link"
    count = Agreement.objects.count()
    response = client.post(reverse("intake:review", args=[submission.pk]), data)
    assert response.status_code == 302
    assert Agreement.objects.count() == count


def test_service_error_rerenders_review_and_writes_nothing(client, officer, earlier, press_text):
    client.force_login(officer)
    submission = intake_submission_create(text=press_text, actor=officer)
    review = client.get(reverse("intake:review", args=[submission.pk]))
    data = review_post_data(review)
    data["agreements-1-start_year"] = ""  # the second agreement cannot be dated
    with nothing_written():
        response = client.post(reverse("intake:review", args=[submission.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved." in html
    assert "Give the start year." in html


def test_source_text_is_escaped(client, officer, db):
    client.force_login(officer)
    text = (
        "Kamis, 4 April 2024\n<script>alert(1)</script> Kementerian Dalam Negeri dan "
        "Ford Foundation"
    )
    submission = intake_submission_create(text=text, actor=officer)
    html = client.get(reverse("intake:review", args=[submission.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_others_cannot_see_a_submission(client, officer, other_officer, operator, press_text):
    submission = intake_submission_create(text=press_text, actor=officer)
    url = reverse("intake:review", args=[submission.pk])
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    assert client.get(reverse("intake:detail", args=[submission.pk])).status_code == 404
    client.force_login(operator)
    assert client.get(url).status_code == 200


def test_upload_of_a_wrong_file_is_refused(client, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer)
    upload = SimpleUploadedFile("item.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with nothing_written():
        response = client.post(reverse("intake:new"), {"file": upload})
    assert response.status_code == 400
    assert "Only text, HTML, PDF and DOCX" in response.content.decode()


def test_upload_of_a_text_file(client, officer, press_text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer)
    upload = SimpleUploadedFile("000.txt", press_text.encode())
    response = client.post(reverse("intake:new"), {"file": upload})
    assert response.status_code == 302
    assert IntakeSubmission.objects.get().source_filename == "000.txt"


def test_check_your_answers_before_saving(client, officer, earlier, press_text):
    """Issue 16 §1: the review first shows every answer with "Change"; nothing is written
    until "Confirm"; after it, the confirmation panel with the reference."""
    client.force_login(officer)
    submission = intake_submission_create(text=press_text, actor=officer)
    review = client.get(reverse("intake:review", args=[submission.pk]))
    data = review_post_data(review, confirm=False)
    url = reverse("intake:review", args=[submission.pk])
    with nothing_written():
        check = client.post(url, data)
    assert check.status_code == 200
    html = check.content.decode()
    assert 'id="check-confirm"' in html
    assert f'formaction="{url}#id_agreements-0-title"' in html
    with nothing_written():
        back = client.post(url, {**data, "change": "1"})
    assert back.status_code == 200
    assert 'id="intake-review-form"' in back.content.decode()
    saved = client.post(url, {**data, "confirm": "1"})
    assert saved.status_code == 302
    panel = client.get(saved.url).content.decode()
    assert 'id="confirmation-panel"' in panel
    assert f"#{submission.pk}" in panel
