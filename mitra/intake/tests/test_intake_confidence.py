"""Issue 12 §1: every extracted field carries a confidence; below the threshold (the setting
MITRA["INTAKE_MIN_CONFIDENCE"]) the field is left empty and the review screen says so."""

import pytest
from django.urls import reverse

from mitra.intake import services
from mitra.intake.extraction import extract
from mitra.intake.models import IntakeSubmission

pytestmark = pytest.mark.django_db

# Written for these tests. The venue is read by a heuristic (0.6); the period stands in a
# sentence that does not name the partner (0.65); the government body has no party cue, only
# the most mentions (0.5).
TEXT = (
    "Jakarta, Selasa (4/3/2025) - Kementerian Dalam Negeri menerima kunjungan Helvetica Water "
    "Foundation di Gedung F Kementerian Dalam Negeri. Nota kesepahaman ditandatangani dengan "
    "Helvetica Water Foundation. Kerja sama ini berlaku 2025-2028.\n"
)
UNSURE_HOST = (
    "Jakarta, Selasa (4/3/2025) - Nota kesepahaman dengan Helvetica Water Foundation tentang "
    "air bersih disiapkan. Catatan disampaikan oleh Kementerian Dalam Negeri. Kementerian "
    "Dalam Negeri mencatat hasilnya.\n"
)


def _threshold(settings, value: float) -> None:
    settings.MITRA = {**settings.MITRA, "INTAKE_MIN_CONFIDENCE": value}


def test_every_proposed_value_has_a_confidence():
    result = extract(TEXT)
    for field in ("event_date", "government_parties", "foreign_parties", "venue"):
        assert 0 < result.confidence(field) <= 1, field
    for field in ("document_type", "period"):
        assert 0 < result.confidence(f"agreements.0.{field}") <= 1, field


def test_values_at_or_above_the_threshold_are_proposed(settings, officer):
    _threshold(settings, 0.6)
    proposal = services.intake_analyse(text=TEXT, actor=officer)["proposal"]
    assert proposal["meeting"]["venue"] == "Gedung F Kementerian Dalam Negeri"
    (item,) = proposal["agreements"]
    assert (item["start_year"], item["end_year"]) == (2025, 2028)
    assert proposal["withheld"] == [] or all(
        row["field"] not in ("meeting.venue", "agreements.0.start_year")
        for row in proposal["withheld"]
    )


def test_values_below_the_threshold_are_left_empty_and_listed(settings, officer):
    _threshold(settings, 0.7)
    proposal = services.intake_analyse(text=TEXT, actor=officer)["proposal"]
    assert proposal["meeting"]["venue"] is None
    (item,) = proposal["agreements"]
    assert (item["start_year"], item["end_year"], item["start_date"]) == (None, None, None)
    withheld = {row["field"]: row for row in proposal["withheld"]}
    assert withheld["meeting.venue"]["value"] == "Gedung F Kementerian Dalam Negeri"
    assert withheld["meeting.venue"]["confidence"] == 0.6
    assert withheld["agreements.0.start_year"]["value"] == "2025–2028"
    assert item["withheld"] == [withheld["agreements.0.start_year"]]
    assert proposal["min_confidence"] == 0.7


def test_an_unsure_lead_agency_is_not_guessed(officer, kemendagri):
    result = extract(UNSURE_HOST)
    assert result.confidence("government_parties") == 0.5  # most mentioned, no party cue
    proposal = services.intake_analyse(text=UNSURE_HOST, actor=officer)["proposal"]
    assert proposal["meeting"]["government_parties"] == []
    (item,) = proposal["agreements"]
    assert item["government_body"] is None
    fields = {row["field"] for row in proposal["withheld"]}
    assert {"meeting.government_parties", "agreements.0.government_body"} <= fields


def test_the_review_screen_says_which_fields_were_left_empty(settings, client, officer):
    _threshold(settings, 0.7)
    client.force_login(officer)
    response = client.post(reverse("intake:new"), {"text": TEXT})
    submission = IntakeSubmission.objects.get()
    html = client.get(response.url).content.decode()
    assert 'id="intake-withheld-note"' in html
    venue = html.split('for="id_meeting-venue"')[1].split('for="id_meeting-online_platform"')[0]
    assert 'value="Gedung' not in venue
    assert "Left empty" in venue
    assert "60%" in venue
    assert "70%" in venue
    assert "Gedung F Kementerian Dalam Negeri" in venue  # what the text may say, to check
    start = html.split('for="id_agreements-0-start_year"')[1].split('for="id_agreements-0-end')[0]
    assert "Left empty" in start
    assert "2025–2028" in start
    assert submission.status == IntakeSubmission.Status.DRAFT


def test_nothing_is_said_when_everything_is_sure(settings, client, officer):
    _threshold(settings, 0.1)
    client.force_login(officer)
    response = client.post(reverse("intake:new"), {"text": TEXT})
    html = client.get(response.url).content.decode()
    assert "Left empty" not in html
    assert 'id="intake-withheld-note"' not in html
