"""The daily expiry and its cascade (issue 11 §3): the job's date, not the clock; a permit
whose extension was filed in time stays valid until the extension is decided
(EXTENSION_PENDING_KEEPS_VALID); everyone N14 names is told; the agreements left without
cover get a task for their owner."""

from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.tests.helpers import freeze_today
from mitra.notifications.models import Notice
from mitra.notifications.registry import event_recipients
from mitra.permits import notices, services
from mitra.permits.models import IzinOperasional, Permit
from mitra.workplans.tests.factories import WorkPlanFactory

from ..factories import PermitFactory, complete_application

pytestmark = pytest.mark.django_db
END = date(2027, 4, 3)
DAY_AFTER = date(2027, 4, 4)


@pytest.fixture
def permit(ngo: Any, kemenkes: Any) -> Permit:
    return PermitFactory(
        organization=ngo, partner_ministry=kemenkes, valid_from=date(2024, 4, 4), valid_until=END
    )


@pytest.fixture
def msp(ngo: Any, kemenkes: Any) -> Any:
    return AgreementFactory(
        owner=kemenkes,
        foreign_parties=[ngo],
        active=True,
        start_date=date(2024, 4, 4),
        end_date=END,
    )


@pytest.fixture
def io(permit: Permit, msp: Any) -> IzinOperasional:
    return IzinOperasional.objects.create(
        number="IO-9",
        permit=permit,
        agreement=msp,
        issuer=msp.owner,
        valid_from=date(2024, 4, 4),
        valid_until=END,
    )


def file_extension(permit: Permit, rep: Any, agencies: Any, province: Any, on: date) -> Any:
    with freeze_today(on):
        application = complete_application(
            permit.organization, rep, agencies["kemendagri"], province, extends=permit
        )
        services.application_submit(application_id=application.pk, actor=rep)
    application.refresh_from_db()
    return application


def test_an_extension_filed_in_time_keeps_the_permit_valid_until_decided(
    permit, io, rep, agencies, province
):
    extension = file_extension(permit, rep, agencies, province, date(2026, 11, 2))
    assert extension.late_filing is False
    counts = services.permits_daily(on=DAY_AFTER)
    assert (counts["expired"], counts["held_over"]) == (0, 1)
    permit.refresh_from_db()
    io.refresh_from_db()
    assert permit.status == Permit.Status.ACTIVE
    assert io.status == IzinOperasional.Status.ACTIVE
    assert Permit.objects.valid_on(date(2027, 5, 1)).filter(pk=permit.pk).exists()
    # The extension is withdrawn (or refused): the next run expires it, as of its own date.
    services.application_withdraw(application_id=extension.pk, actor=rep)
    assert not Permit.objects.valid_on(date(2027, 5, 1)).filter(pk=permit.pk).exists()
    assert services.permits_daily(on=date(2027, 5, 2))["expired"] == 1
    permit.refresh_from_db()
    io.refresh_from_db()
    assert (permit.status, permit.status_changed_on) == ("expired", date(2027, 5, 2))
    assert (io.status, io.ended_on) == ("ended_by_parent", date(2027, 5, 2))


def test_a_late_extension_does_not_keep_the_permit_valid(permit, io, rep, agencies, province):
    extension = file_extension(permit, rep, agencies, province, date(2027, 2, 1))
    assert extension.late_filing is True
    assert services.permits_daily(on=DAY_AFTER)["expired"] == 1


def test_the_hold_over_is_a_setting(permit, rep, agencies, province, settings):
    file_extension(permit, rep, agencies, province, date(2026, 11, 2))
    settings.MITRA = {**settings.MITRA, "EXTENSION_PENDING_KEEPS_VALID": False}
    assert not Permit.objects.valid_on(DAY_AFTER).filter(pk=permit.pk).exists()
    assert services.permits_daily(on=DAY_AFTER)["expired"] == 1


def test_the_job_works_on_its_own_date_not_the_clock(permit, io, ngo):
    """Run months later for a missed day: the end is dated that day, and the cover is judged
    on that day — a successor starting after it does not save the dependants."""
    PermitFactory(
        organization=ngo,
        previous=permit,
        valid_from=date(2027, 5, 1),
        valid_until=date(2030, 4, 30),
    )
    with freeze_today(date(2027, 6, 1)):
        call_command("permits_daily", "--date", "2027-04-04", verbosity=0)
    permit.refresh_from_db()
    io.refresh_from_db()
    assert permit.status_changed_on == DAY_AFTER
    assert io.status == IzinOperasional.Status.ENDED_BY_PARENT
    assert io.ended_on == DAY_AFTER


def test_a_successor_valid_on_the_jobs_date_keeps_the_dependants(permit, io, ngo):
    PermitFactory(
        organization=ngo, previous=permit, valid_from=DAY_AFTER, valid_until=date(2030, 4, 3)
    )
    assert services.permits_daily(on=DAY_AFTER)["expired"] == 1
    io.refresh_from_db()
    assert io.status == IzinOperasional.Status.ACTIVE
    assert not Notice.objects.filter(event=notices.PERMIT_ENDED).exists()


@pytest.fixture
def n14(ngo: Any, kemendagri: Any, fasker: Any, agencies: dict[str, Any], msp: Any) -> Any:
    """Kemendagri's Ditjen Polpum and Biro KTLN as registered units, a regency that signed an
    active RKT under Ford's MSP and one whose RKT is still a draft."""
    polpum = GovernmentBodyFactory(key="kemendagri-ditjen-polpum", unit=True, parent=kemendagri)
    ktln = GovernmentBodyFactory(
        key="kemensetneg-biro-ktln", unit=True, parent=agencies["kemensetneg"]
    )
    other_setneg = GovernmentBodyFactory(
        key="kemensetneg-biro-hukum", unit=True, parent=agencies["kemensetneg"]
    )
    from mitra.regions.tests.factories import ProvinceFactory

    provinces = {
        "active": ProvinceFactory(code="52", name="Nusa Tenggara Barat"),
        "draft": ProvinceFactory(code="53", name="Nusa Tenggara Timur"),
    }
    regencies = {
        name: GovernmentBodyFactory(
            key=f"pemkab-{name}",
            kind=GovernmentBody.Kind.REGENCY_GOVERNMENT,
            province=provinces[name],
        )
        for name in ("active", "draft")
    }
    rik = WorkPlanFactory(agreement=msp, status="active")
    for name in ("active", "draft"):
        WorkPlanFactory(
            agreement=msp,
            rkt=True,
            parent=rik,
            province=provinces[name],
            regional_government=regencies[name],
            status=name,
        )
    return {
        "polpum": UserFactory(officer=True, body=polpum),
        "ktln": UserFactory(officer=True, body=ktln),
        "fasker": UserFactory(officer=True, body=fasker),
        "setneg_hukum": UserFactory(officer=True, body=other_setneg),
        "rkt_active": UserFactory(officer=True, body=regencies["active"]),
        "rkt_draft": UserFactory(officer=True, body=regencies["draft"]),
    }


def test_everyone_n14_names_is_told_and_the_owner_gets_the_task(
    permit, io, n14, rep, other_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.permits_daily(on=DAY_AFTER)
    told = {
        name
        for name, user in {**n14, "rep": rep, "kemenkes": other_officer}.items()
        if Notice.objects.filter(event=notices.PERMIT_ENDED, user=user).exists()
    }
    # Polpum and KTLN (those units only), the region with an active RKT, the holder and the
    # partner ministry; not Kemendagri's other units, KTLN's sister bureau, a draft RKT's region.
    assert told == {"polpum", "ktln", "rkt_active", "rep", "kemenkes"}
    task = Notice.objects.get(event=notices.AGREEMENT_UNCOVERED, user=other_officer)
    assert io.agreement.title in task.title
    assert task.url.endswith(f"/agreements/{io.agreement_id}/")
    services.permits_daily(on=date(2027, 4, 5))  # a rerun tells no one twice
    assert Notice.objects.filter(event=notices.AGREEMENT_UNCOVERED).count() == 1


def test_n14_recipients_take_a_fixed_number_of_queries(permit, n14, ngo, kemenkes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            event_recipients(notices.PERMIT_ENDED, permit)
        return len(queries)

    few = count()
    for _n in range(3):
        more = AgreementFactory(owner=GovernmentBodyFactory(), foreign_parties=[ngo], active=True)
        WorkPlanFactory(agreement=more, status="active")
    assert count() == few
