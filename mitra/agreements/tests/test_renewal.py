"""Record a renewal ("Catat perpanjangan", issue 15 §4): the form starts from the predecessor
(each field copied, dates moved on, `renews` set, signatory roles offered); saving goes
through agreement_create (validation, audit); refusals write nothing."""

from datetime import date

import pytest
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement, AgreementParty, Signatory
from mitra.agreements.renewal import renewal_initial, renewal_period, whole_months
from mitra.agreements.services import agreement_create
from mitra.agreements.tests.factories import AgreementFactory, SignatoryFactory, lead_party
from mitra.audit.models import AuditEvent
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.exceptions import ApplicationError
from mitra.organizations.tests.factories import ForeignOrganizationFactory, SectorFactory
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def predecessor(kemendagri, ford):
    kemenkes = GovernmentBodyFactory(key="kemenkes-r", name="Kementerian Kesehatan R")
    province = ProvinceFactory(code="33", name="Jawa Tengah")
    agreement = AgreementFactory(
        owner=kemendagri,
        active=True,
        title="MSP Kemendagri – Ford Foundation 2021–2024",
        objective="Inclusive governance.",
        start_date=date(2021, 3, 17),
        end_date=date(2024, 3, 16),
        foreign_parties=[ford],
        government_parties=[kemenkes],
        shared_with=[kemenkes],
        sectors=[SectorFactory()],
        provinces=[province],
    )
    agreement.regencies.set([RegencyFactory(province=province)])
    SignatoryFactory(agreement=agreement, title="Sekretaris Jenderal Kemendagri", name="A")
    SignatoryFactory(
        agreement=agreement,
        party=lead_party(agreement, AgreementParty.Side.FOREIGN),
        title="Regional Director",
        name="B",
    )
    return agreement


# --- the period ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "months", "expected"),
    [
        # Whole calendar months: moved by months (three years, 17 March → 16 March).
        (date(2021, 3, 17), date(2024, 3, 16), None, (date(2024, 3, 17), date(2027, 3, 16))),
        # A stated duration is kept and gives the end.
        (date(2024, 1, 10), date(2027, 1, 9), 36, (date(2027, 1, 10), date(2030, 1, 9))),
        # Any other length: the same number of days.
        (date(2024, 1, 1), date(2024, 1, 20), None, (date(2024, 1, 21), date(2024, 2, 9))),
    ],
)
def test_the_renewal_starts_the_day_after_and_lasts_as_long(
    kemendagri, start, end, months, expected
):
    agreement = AgreementFactory(
        owner=kemendagri, start_date=start, end_date=end, duration_months=months
    )
    new_start, new_end, new_months = renewal_period(agreement)
    assert (new_start, new_end) == expected
    assert new_months == months


def test_no_end_no_dates(kemendagri):
    agreement = AgreementFactory(owner=kemendagri, end_date=None)
    assert renewal_period(agreement) == (None, None, None)


def test_whole_months():
    assert whole_months(date(2024, 1, 31), date(2024, 2, 27)) is None
    assert whole_months(date(2024, 1, 1), date(2024, 1, 31)) == 1
    assert whole_months(date(2024, 4, 4), date(2027, 4, 3)) == 36


# --- what is copied --------------------------------------------------------------------


def test_initial_copies_each_field(predecessor, kemendagri, ford):
    initial = renewal_initial(predecessor)
    assert initial["title"] == predecessor.title
    assert initial["type"] == predecessor.type
    assert initial["owner"] == kemendagri.pk
    assert initial["foreign_parties"] == [ford.pk]
    assert initial["other_government_parties"] == [
        p.body_id
        for p in predecessor.parties.filter(role=AgreementParty.Role.PARTY, side="government")
    ]
    assert initial["objective"] == "Inclusive governance."
    assert initial["sectors"] == [s.pk for s in predecessor.sectors.all()]
    assert initial["provinces"] == [p.pk for p in predecessor.provinces.all()]
    assert initial["regencies"] == [r.pk for r in predecessor.regencies.all()]
    assert initial["shared_with"] == [b.pk for b in predecessor.shared_with.all()]
    assert initial["renews"] == predecessor.pk
    assert initial["start_date"] == date(2024, 3, 17)
    assert initial["end_date"] == date(2027, 3, 16)
    assert initial["signatory_roles"] == list(
        predecessor.signatories.order_by("id").values_list("pk", flat=True)
    )
    for empty in ("reference", "signing_date", "signing_place"):
        assert empty not in initial


# --- the service -------------------------------------------------------------------------


def test_create_carries_signatory_roles_and_audits_them(officer, make_input, predecessor):
    roles = list(predecessor.signatories.order_by("id"))
    agreement = agreement_create(
        data=make_input(
            renews=predecessor,
            start_date=date(2024, 3, 17),
            end_date=date(2027, 3, 16),
            signing_date=None,
            signatory_roles=roles,
        ),
        actor=officer,
    )
    copied = list(agreement.signatories.select_related("party").order_by("id"))
    assert [(s.title, s.name, s.signed_on) for s in copied] == [
        ("Sekretaris Jenderal Kemendagri", "", None),
        ("Regional Director", "", None),
    ]
    assert copied[0].party.agreement_id == agreement.pk
    assert copied[0].party.body_id == roles[0].party.body_id
    assert copied[1].party.organization_id == roles[1].party.organization_id
    assert agreement.renews == predecessor
    event = AuditEvent.objects.get(target_id=agreement.pk, event="agreement.created")
    assert len(event.data["new"]["signatory_roles"]) == 2


def _counts():
    return Agreement.objects.count(), Signatory.objects.count(), AuditEvent.objects.count()


def test_roles_of_another_agreement_are_refused(officer, make_input, predecessor, kemendagri):
    other = SignatoryFactory(agreement=AgreementFactory(owner=kemendagri, active=True))
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        agreement_create(
            data=make_input(
                renews=predecessor,
                start_date=date(2024, 3, 17),
                end_date=date(2027, 3, 16),
                signatory_roles=[other],
            ),
            actor=officer,
        )
    assert "signatory_roles" in caught.value.extra
    assert _counts() == before


def test_roles_without_a_renewal_are_refused(officer, make_input, predecessor):
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        agreement_create(
            data=make_input(signatory_roles=list(predecessor.signatories.all())), actor=officer
        )
    assert "signatory_roles" in caught.value.extra
    assert _counts() == before


def test_a_role_whose_party_was_dropped_is_refused(officer, make_input, predecessor):
    foreign_role = predecessor.signatories.get(title="Regional Director")
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        agreement_create(
            data=make_input(
                renews=predecessor,
                foreign_parties=[ForeignOrganizationFactory()],
                start_date=date(2024, 3, 17),
                end_date=date(2027, 3, 16),
                signatory_roles=[foreign_role],
            ),
            actor=officer,
        )
    assert "Regional Director" in caught.value.extra["signatory_roles"][0]
    assert _counts() == before


# --- the pages ---------------------------------------------------------------------------


def test_record_renewal_prefills_the_form(client, officer, predecessor, ford):
    client.force_login(officer)
    response = client.get(reverse("agreements:create") + f"?renews={predecessor.pk}")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["renews"] == predecessor.pk
    assert form.initial["foreign_parties"] == [ford.pk]
    assert form.initial["start_date"] == date(2024, 3, 17)
    assert form.initial["end_date"] == date(2027, 3, 16)
    assert form.initial["objective"] == "Inclusive governance."
    assert "signatory_roles" in form.fields
    html = response.content.decode()
    assert "Regional Director" in html
    assert 'value="2024-03-17"' in html


@pytest.mark.parametrize("value", ["999999", "abc", "²"])
def test_record_renewal_of_an_unknown_agreement_is_404(client, officer, value):
    client.force_login(officer)
    assert client.get(reverse("agreements:create") + f"?renews={value}").status_code == 404


def test_record_renewal_outside_scope_is_404(client, predecessor):
    other_officer = UserFactory(officer=True, body=GovernmentBodyFactory(key="kemenkeu-x"))
    client.force_login(other_officer)
    url = reverse("agreements:create") + f"?renews={predecessor.pk}"
    assert client.get(url).status_code == 404


def test_record_renewal_of_a_draft_is_404(client, officer, kemendagri):
    draft = AgreementFactory(owner=kemendagri)
    client.force_login(officer)
    assert client.get(reverse("agreements:create") + f"?renews={draft.pk}").status_code == 404


def test_viewer_cannot_record_a_renewal(client, viewer, predecessor):
    client.force_login(viewer)
    url = reverse("agreements:create") + f"?renews={predecessor.pk}"
    assert client.get(url).status_code == 403


def test_saving_the_renewal_through_the_form(client, officer, predecessor, kemendagri, ford):
    from mitra.agreements.forms import AgreementForm

    client.force_login(officer)
    initial = renewal_initial(predecessor)
    data = {
        key: value
        for key, value in initial.items()
        if value not in (None, "") and not isinstance(value, list)
    }
    data["start_date"] = initial["start_date"].isoformat()
    data["end_date"] = initial["end_date"].isoformat()
    for key in ("foreign_parties", "sectors", "provinces", "regencies", "shared_with"):
        data[key] = initial[key]
    data["other_government_parties"] = initial["other_government_parties"]
    data["signatory_roles"] = initial["signatory_roles"]
    form = AgreementForm(data, user=officer)
    assert form.is_valid(), form.errors
    agreement = agreement_create(data=form.to_input(), actor=officer)
    assert agreement.renews == predecessor
    assert agreement.signatories.count() == 2
    assert set(agreement.sectors.all()) == set(predecessor.sectors.all())
    assert set(agreement.regencies.all()) == set(predecessor.regencies.all())
    assert agreement.objective == predecessor.objective
