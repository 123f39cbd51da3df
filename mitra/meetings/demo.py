"""Demo data: the meeting of Thursday 4 April 2024 (product.md, press item 000).

Kemendagri's Pusat Fasilitasi Kerja Sama held a hybrid meeting (Gedung F Kemendagri and Zoom)
on extending its cooperation with UCLG ASPAC and Ford Foundation; three policy analysts of
Biro KTLN Kemensetneg attended for the TPOA and the working group on cooperation with
multilateral organizations; Kemlu, Kemenkumham, Kemenkeu, security agencies and provincial and
city governments were invited; both renewals were signed.

The seed gives the day, not the time: a meeting's start is a required date and time, so the
day is recorded as its first moment (00:00 WIB, as the meeting filters read a day) and the
purpose says that the time is not known. Who chaired is not given either: the Head of Pusat
Fasilitasi Kerja Sama is recorded as what the seed says he was, a signatory.

Idempotent: a second run finds the meeting (same day, organizer and kind) and returns it.
Everything is written through the services (so it is audited like a person's input).
"""

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from mitra.audit.services import audit_effective_on
from mitra.bodies.models import GovernmentBody

from . import services
from .models import Attendee, Meeting
from .selectors import meeting_existing

if TYPE_CHECKING:
    from mitra.accounts.models import User

DAY = date(2024, 4, 4)
TITLE = (
    "Rapat Perpanjangan Kerja Sama Kemendagri dengan UCLG ASPAC dan Ford Foundation "
    "(penandatanganan)"
)
VENUE = "Gedung F Kementerian Dalam Negeri, Jakarta"
KTLN_ANALYSTS = ["Pratiwi Riama Larosa", "Maharani Fara", "Tara Arani Faza"]
KTLN_CAPACITIES = [
    "Tim Perizinan Organisasi Masyarakat Asing (TPOA)",
    "Kelompok Kerja bagi Kegiatan Kerja Sama dengan Organisasi Multilateral",
]


def load_meeting_of_4_april_2024(actor: "User", agreements: dict[str, Any]) -> Meeting:
    """The canonical meeting, with its invitations, attendees and both signings. Its events
    are dated 4 April 2024 in the histories (`effective_on`), not the day the demo loads."""
    with audit_effective_on(DAY):
        return _load_meeting(actor, agreements)


def _load_meeting(actor: "User", agreements: dict[str, Any]) -> Meeting:
    kemendagri = GovernmentBody.objects.get(key="kemendagri")
    existing = meeting_existing(
        viewer=actor, organizer=kemendagri, on=DAY, kind=Meeting.Kind.SIGNING
    )
    if existing is not None:
        return existing
    fasker = GovernmentBody.objects.filter(key="kemendagri-pusat-fasker").first()
    ktln = GovernmentBody.objects.filter(key="kemensetneg-biro-ktln").first()
    uclg_new, ford_new = agreements["uclg_new"], agreements["ford_new"]
    uclg = uclg_new.parties.filter(side="foreign").first().organization
    ford = ford_new.parties.filter(side="foreign").first().organization
    meeting = services.meeting_create(
        data=services.MeetingInput(
            kind=Meeting.Kind.SIGNING,
            title=TITLE,
            purpose=(
                "Perpanjangan kerja sama Kemendagri dengan UCLG ASPAC (2024–2029) dan "
                "Ford Foundation (2024–2027), dan penandatanganan dokumen kerja sama. "
                "Jam rapat tidak disebutkan sumber: hanya tanggalnya yang dicatat "
                "(pukul 00.00 WIB menandai hari)."
            ),
            starts_at=timezone.make_aware(datetime.combine(DAY, time.min)),
            mode=Meeting.Mode.HYBRID,
            venue=VENUE,
            online_platform="Zoom",
            organizer=kemendagri,
            organizer_unit=fasker,
            agreements=[uclg_new, ford_new],
            organizations=[uclg, ford],
        ),
        actor=actor,
    )
    for key in ("kemlu", "kemenkumham", "kemenkeu"):
        body = GovernmentBody.objects.filter(key=key).first()
        if body is not None:
            services.meeting_invite_body(meeting_id=meeting.pk, body=body, actor=actor)
    for description in ("Unsur keamanan", "Perwakilan pemerintah provinsi dan kota"):
        services.meeting_invite_body(meeting_id=meeting.pk, description=description, actor=actor)
    if ktln is not None:
        services.meeting_invite_body(meeting_id=meeting.pk, body=ktln, actor=actor)
    services.meeting_attendee_add(
        meeting_id=meeting.pk,
        title="Kepala Pusat Fasilitasi Kerja Sama",
        body=fasker or kemendagri,
        role=Attendee.Role.SIGNATORY,
        attended=True,
        actor=actor,
    )
    for name in KTLN_ANALYSTS:
        services.meeting_attendee_add(
            meeting_id=meeting.pk,
            name=name,
            title="Analis Kebijakan, Biro Kerja Sama Teknik Luar Negeri",
            body=ktln,
            represents=KTLN_CAPACITIES,
            attended=True,
            actor=actor,
        )
    for title, organization in (("Sekretaris Jenderal", uclg), ("Regional Director", ford)):
        services.meeting_attendee_add(
            meeting_id=meeting.pk,
            title=title,
            organization=organization,
            role=Attendee.Role.SIGNATORY,
            attended=True,
            actor=actor,
        )
    for title in ("Perpanjangan kerja sama dengan UCLG ASPAC", "Perpanjangan MSP Ford Foundation"):
        services.meeting_agenda_item_add(meeting_id=meeting.pk, title=title, actor=actor)
    services.meeting_transition(meeting_id=meeting.pk, transition="hold", actor=actor)
    services.meeting_record_signing(meeting=meeting, agreements=[uclg_new, ford_new], actor=actor)
    services.meeting_decision_add(
        meeting_id=meeting.pk,
        text=(
            "Kerja sama dengan UCLG ASPAC diperpanjang 5 tahun (2024–2029) dan dengan Ford "
            "Foundation 3 tahun (2024–2027); dokumen ditandatangani."
        ),
        actor=actor,
    )
    item = services.meeting_action_item_add(
        meeting_id=meeting.pk,
        text="Menyampaikan salinan dokumen yang ditandatangani kepada Biro KTLN dan Kemlu.",
        owner_body=fasker or kemendagri,
        due_date=date(2024, 4, 30),
        actor=actor,
    )
    services.meeting_action_item_set_status(action_item_id=item.pk, status="done", actor=actor)
    services.meeting_minutes_add(
        meeting_id=meeting.pk,
        text=(
            "Tiga analis kebijakan Biro KTLN Kemensetneg hadir mewakili TPOA dan Kelompok Kerja "
            "bagi Kegiatan Kerja Sama dengan Organisasi Multilateral. Kepala Pusat Fasilitasi "
            "Kerja Sama menandatangani dokumen kerja sama dengan Sekretaris Jenderal UCLG ASPAC "
            "dan dengan Regional Director Ford Foundation."
        ),
        actor=actor,
    )
    services.meeting_transition(meeting_id=meeting.pk, transition="circulate_minutes", actor=actor)
    services.meeting_transition(meeting_id=meeting.pk, transition="approve_minutes", actor=actor)
    return meeting
