"""Intake services: the proposal (matches, existing records, renewals) and the confirmation."""

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mitra.agreements.models import Agreement, AgreementParty
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.intake import highlight, services
from mitra.intake.models import IntakeSubmission
from mitra.organizations.models import ForeignOrganization

from .conftest import nothing_written

pytestmark = pytest.mark.django_db


def _by_partner(proposal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["partner_name"]: a for a in proposal["agreements"]}


def test_proposal_on_earlier_agreements_proposes_renewals(officer, earlier, uclg, ford, press_text):
    analysis = services.intake_analyse(text=press_text, actor=officer)
    proposal = analysis["proposal"]
    assert proposal["meeting"]["event_date"] == "2024-04-04"
    assert proposal["meeting"]["meeting_mode"] == "hybrid"
    assert proposal["meeting"]["venue"] == "Gedung F Kementerian Dalam Negeri"
    assert proposal["meeting"]["government_parties"] == [
        {"name": "Kementerian Dalam Negeri", "body": "kemendagri"}
    ]
    assert len(proposal["signatories"]) == 3
    agreements = proposal["agreements"]
    assert [
        (a["partner"], a["start_year"], a["end_year"], a["duration_years"]) for a in agreements
    ] == [
        (uclg.pk, 2024, 2029, 5),
        (ford.pk, 2024, 2027, 3),
    ]
    uclg_item, ford_item = agreements
    assert uclg_item["action"] == ford_item["action"] == "create"
    assert uclg_item["renews"] == earlier["uclg_old"].pk
    assert ford_item["renews"] == earlier["ford_old"].pk
    assert (uclg_item["type"], ford_item["type"]) == ("mou", "msp")  # the predecessor's type
    assert uclg_item["government_body"] == "kemendagri"
    assert (uclg_item["start_date"], uclg_item["end_date"]) == ("2024-04-04", "2029-04-03")
    assert (ford_item["start_date"], ford_item["end_date"]) == ("2024-04-04", "2027-04-03")
    assert uclg_item["signing_date"] == "2024-04-04"
    assert uclg_item["government_signatory"] == "Kepala Pusat Fasilitasi Kerja Sama"
    assert uclg_item["foreign_signatory"] == "Sekretaris Jenderal"
    assert ford_item["foreign_signatory"] == "Regional Director"
    fields = {row["field"] for row in analysis["evidence"]}
    assert {"agreements.0.period", "agreements.0.duration", "agreements.1.period"} <= fields
    period = next(r for r in analysis["evidence"] if r["field"] == "agreements.0.period")
    assert "2024" in press_text[period["start"] : period["end"]]


def test_analyse_writes_nothing(officer, earlier, press_text):
    with nothing_written():
        services.intake_analyse(text=press_text, actor=officer)


def test_confirm_creates_linked_renewals(officer, earlier, uclg, ford, press_text):
    submission = services.intake_submission_create(text=press_text, actor=officer)
    proposal = submission.extraction["proposal"]
    submission = services.intake_confirm(
        submission_id=submission.pk, reviewed=proposal, actor=officer
    )
    assert submission.status == IntakeSubmission.Status.CONFIRMED
    assert submission.confirmed_at is not None
    created = Agreement.objects.filter(pk__in=submission.created_records["agreements"])
    assert created.count() == 2
    uclg_new = created.get(parties__organization=uclg)
    ford_new = created.get(parties__organization=ford)
    assert uclg_new.renews == earlier["uclg_old"]
    assert ford_new.renews == earlier["ford_old"]
    assert (uclg_new.start_date, uclg_new.end_date) == (date(2024, 4, 4), date(2029, 4, 3))
    assert (ford_new.start_date, ford_new.end_date) == (date(2024, 4, 4), date(2027, 4, 3))
    assert uclg_new.duration_months == 60
    # Drafts of the officer's unit: signed, active and superseding only through the
    # agreement's own transitions later (issue 12).
    assert uclg_new.status == ford_new.status == Agreement.Status.DRAFT
    assert (uclg_new.owner.key, uclg_new.owner_unit) == ("kemendagri", officer.body)
    assert uclg_new.signing_date == date(2024, 4, 4)
    earlier["uclg_old"].refresh_from_db()
    assert earlier["uclg_old"].status == Agreement.Status.EXPIRED
    titles = sorted(
        (s.party.side, s.title) for a in (uclg_new, ford_new) for s in a.signatories.all()
    )
    assert titles == [
        ("foreign", "Regional Director"),
        ("foreign", "Sekretaris Jenderal"),
        ("government", "Kepala Pusat Fasilitasi Kerja Sama"),
        ("government", "Kepala Pusat Fasilitasi Kerja Sama"),
    ]
    event = AuditEvent.objects.get(event="intake.confirmed")
    assert event.target_id == submission.pk
    assert event.data["source_text"] == press_text.replace("\r\n", "\n")[:2000]
    assert sorted(event.data["created"]["agreements"]) == sorted([uclg_new.pk, ford_new.pk])
    marks = AuditEvent.objects.filter(event="intake.record_created")
    assert {m.target_id for m in marks if m.target_ct.model == "agreement"} == {
        uclg_new.pk,
        ford_new.pk,
    }
    assert {m.target_ct.model for m in marks} == {"agreement", "meeting"}
    assert all(m.data["submission"] == submission.pk for m in marks)
    assert ForeignOrganization.objects.count() == 2  # no new partner


def test_on_demo_data_links_to_existing_records(officer, demo_like, press_text):
    submission = services.intake_submission_create(text=press_text, actor=officer)
    proposal = submission.extraction["proposal"]
    items = _by_partner(proposal)
    assert [a["action"] for a in proposal["agreements"]] == ["link", "link"]
    assert {a["existing"] for a in items.values()} == {
        demo_like["uclg_new"].pk,
        demo_like["ford_new"].pk,
    }
    agreements = Agreement.objects.count()
    submission = services.intake_confirm(
        submission_id=submission.pk, reviewed=proposal, actor=officer
    )
    assert Agreement.objects.count() == agreements
    assert sorted(submission.created_records["linked"]) == sorted(
        [demo_like["uclg_new"].pk, demo_like["ford_new"].pk]
    )
    assert submission.created_records["agreements"] == []


def test_creating_a_duplicate_renewal_is_refused_and_writes_nothing(officer, demo_like, press_text):
    submission = services.intake_submission_create(text=press_text, actor=officer)
    proposal = submission.extraction["proposal"]
    for item in proposal["agreements"]:
        item["action"] = "create"  # the old agreements are already renewed
    with nothing_written(), pytest.raises(ApplicationError) as caught:
        services.intake_confirm(submission_id=submission.pk, reviewed=proposal, actor=officer)
    assert "already renewed" in str(caught.value.extra)
    submission.refresh_from_db()
    assert submission.status == IntakeSubmission.Status.DRAFT


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p["agreements"][1].update(government_body="no-such-body"),
        lambda p: p["agreements"][1].update(start_year=None),
        lambda p: p["agreements"][1].update(type="nonsense"),
        lambda p: p["agreements"][1].update(action="explode"),
        lambda p: p["agreements"][1].update(renews=999999),
        lambda p: p["agreements"][1].update(partner=None, new_partner={"legal_name": "X Fund"}),
        lambda p: p["agreements"][0].update(action="link", existing=None),
        lambda p: p["meeting"].update(meeting_mode="telepathy"),
        lambda p: p.update(agreements=[{"action": "skip"}]),
    ],
)
def test_bad_input_writes_nothing(officer, earlier, press_text, change):
    submission = services.intake_submission_create(text=press_text, actor=officer)
    proposal = submission.extraction["proposal"]
    change(proposal)
    with nothing_written(), pytest.raises(ApplicationError):
        services.intake_confirm(submission_id=submission.pk, reviewed=proposal, actor=officer)


def test_other_agency_cannot_record_for_kemendagri(other_officer, earlier, press_text):
    submission = services.intake_submission_create(text=press_text, actor=other_officer)
    proposal = submission.extraction["proposal"]
    # Another ministry does not see Kemendagri's agreements: nothing to renew is proposed.
    assert all(a["renews"] is None for a in proposal["agreements"])
    with nothing_written(), pytest.raises(ApplicationError) as caught:
        services.intake_confirm(submission_id=submission.pk, reviewed=proposal, actor=other_officer)
    assert "own agency" in caught.value.message


def test_viewer_cannot_submit(viewer, press_text):
    with nothing_written(), pytest.raises(ApplicationError):
        services.intake_submission_create(text=press_text, actor=viewer)


def test_confirm_with_text_creates_new_partner(officer, kemendagri):
    text = (
        "Jakarta, Senin (5/9/2022) – Kementerian Dalam Negeri menandatangani Nota Kesepahaman "
        "dengan Helvetica Water Foundation untuk periode 2022-2025.\n"
    )
    analysis = services.intake_analyse(text=text, actor=officer)
    (item,) = analysis["proposal"]["agreements"]
    assert item["partner"] is None
    assert item["new_partner"]["legal_name"] == "Helvetica Water Foundation"
    item["new_partner"].update(kind="foreign_ngo", country="CH")
    submission = services.intake_confirm(reviewed=analysis["proposal"], text=text, actor=officer)
    (org_id,) = submission.created_records["organizations"]
    org = ForeignOrganization.objects.get(pk=org_id)
    assert org.legal_name == "Helvetica Water Foundation"
    (agreement_id,) = submission.created_records["agreements"]
    agreement = Agreement.objects.get(pk=agreement_id)
    assert agreement.type == "mou"
    assert (agreement.start_date, agreement.end_date) == (date(2022, 9, 5), date(2025, 12, 31))
    assert agreement.parties.get(side=AgreementParty.Side.FOREIGN).organization == org
    assert submission.source_text == text


def test_agreement_dates():
    d = services.agreement_dates
    assert d(start_year=2024, end_year=2029, duration_years=5, event_date=date(2024, 4, 4)) == (
        date(2024, 4, 4),
        date(2029, 4, 3),
        60,
    )
    assert d(start_year=2025, end_year=2027, duration_years=None, event_date=date(2024, 4, 4)) == (
        date(2025, 1, 1),
        date(2027, 12, 31),
        None,
    )
    assert d(start_year=None, end_year=None, duration_years=None, event_date=None) == (
        None,
        None,
        None,
    )
    # a term told by its end only ("berlaku hingga 2027"): the end is proposed, the start not
    assert d(start_year=None, end_year=2027, duration_years=None, event_date=None) == (
        None,
        date(2027, 12, 31),
        None,
    )


@pytest.mark.parametrize("text", ["", "   \n", "\x00\x00"])
def test_empty_text_is_refused(officer, text):
    with nothing_written(), pytest.raises(ApplicationError):
        services.intake_submission_create(text=text, actor=officer)


def test_too_long_text_is_refused(officer):
    with pytest.raises(ApplicationError):
        services.intake_clean_text("a" * (services.MAX_TEXT_CHARS + 1))


def test_unrelated_text_gives_an_empty_proposal(officer, db):
    analysis = services.intake_analyse(text="The quick brown fox. " * 50, actor=officer)
    assert analysis["proposal"]["agreements"] == []


# --- files -----------------------------------------------------------------------------------


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_upload_text_html_docx(press_text):
    plain = SimpleUploadedFile("item.txt", press_text.encode())
    assert "UCLG ASPAC" in services.intake_text_from_upload(plain)
    html = SimpleUploadedFile(
        "item.bin", b"<html><body><p>Kemendagri &amp; Ford Foundation</p><script>x()</script>"
    )
    assert services.intake_text_from_upload(html) == "Kemendagri & Ford Foundation"
    document = SimpleUploadedFile("item.docx", _docx(press_text))
    assert "Ford Foundation" in services.intake_text_from_upload(document)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("item.txt", b""),
        ("item.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("item.pdf", b"%PDF-1.4 broken"),
        ("item.docx", b"PK\x03\x04 not a zip"),
        ("item.txt", "Gedung".encode("utf-16")),
    ],
)
def test_bad_uploads_are_refused(name, data):
    with pytest.raises(ApplicationError):
        services.intake_text_from_upload(SimpleUploadedFile(name, data))


def test_upload_size_limit(settings):
    settings.MITRA = {**settings.MITRA, "INTAKE_MAX_BYTES": 10}
    with pytest.raises(ApplicationError) as caught:
        services.intake_text_from_upload(SimpleUploadedFile("a.txt", b"x" * 11))
    assert "larger" in caught.value.message


def test_highlight_segments_cover_the_text_once():
    text = "abc <b>def</b> ghi"
    evidence = [
        {"field": "venue", "start": 4, "end": 14},
        {"field": "agreements", "start": 0, "end": 18},
        {"field": "meeting_mode", "start": 7, "end": 10},
    ]
    parts = highlight.segments(text, evidence)
    assert "".join(p.text for p in parts) == text
    assert [p.text for p in parts if p.marked] == ["<b>", "def", "</b>"]
    assert next(p for p in parts if p.text == "def").evidence == [0, 2]
