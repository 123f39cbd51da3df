"""The role × record read matrix over the demo data (issue 10 §5), GENERATED from the grants:
for each user the expected agreements are computed from the grant definitions and the records
(`grant_oracle`, plain Python, apart from the SQL of `access.py`), never listed by hand. Then
`visible_to` of agreements, and of the records scoped through them (reports, monitoring
visits), must give exactly that.

Users: the demo's kemlu (TPOA secretariat), ktln (Biro KTLN, a unit of Kemensetneg), kemenkes
(a partner ministry), jateng (a province), and two users made here: an officer of Ditjen Polpum
(a unit of Kemendagri) and an officer of Pemerintah Kota Semarang (a city)."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from mitra.accounts.models import User
from mitra.agreements.models import Agreement
from mitra.bodies.models import GovernmentBody
from mitra.core.tests.helpers import freeze_today
from mitra.monitoring.models import MonitoringVisit, Report

from . import grant_oracle

TODAY = date(2026, 11, 29)
DEMO_USERS = ["kemlu", "ktln", "kemenkes", "jateng"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Reference and demo data loaded once for this module, rolled back at its end."""
    with django_db_blocker.unblock(), freeze_today(TODAY):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_reference", verbosity=0, stdout=None)
            call_command("load_demo", verbosity=0, stdout=None)
            users = {name: User.objects.get(username=name) for name in DEMO_USERS}
            for name, key in [
                ("matrix_polpum", "kemendagri-ditjen-polpum"),
                ("matrix_semarang", "pemkot-33.74"),
            ]:
                users[name] = User.objects.create(
                    username=name,
                    role=User.Role.OFFICER,
                    body=GovernmentBody.objects.get(key=key),
                )
            yield users, grant_oracle.readers(TODAY)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


USERS = [*DEMO_USERS, "matrix_polpum", "matrix_semarang"]


def refs(ids) -> set[str]:
    return set(Agreement.objects.filter(pk__in=ids).values_list("reference", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("username", USERS)
def test_each_user_reads_exactly_what_its_grants_give(demo, username):
    users, readers = demo
    user = User.objects.get(pk=users[username].pk)  # fresh: no cached agency
    with freeze_today(TODAY):
        expected = grant_oracle.visible_ids(user, readers)
        seen = set(Agreement.objects.visible_to(user).values_list("pk", flat=True))
        assert refs(seen) == refs(expected)
        # Records scoped through their agreement follow it exactly.
        reports = set(Report.objects.visible_to(user).values_list("agreement_id", flat=True))
        assert reports == set(
            Report.objects.filter(agreement_id__in=expected).values_list("agreement_id", flat=True)
        )
        visits = set(MonitoringVisit.objects.visible_to(user).values_list("pk", flat=True))
        assert visits == set(
            MonitoringVisit.objects.filter(agreement_id__in=expected).values_list("pk", flat=True)
        )


@pytest.mark.django_db
def test_the_matrix_is_not_vacuous(demo):
    """The grants give each user more than its own records, and nobody everything; the story
    of issue 10 holds."""
    users, readers = demo
    everything = set(readers)
    seen = {}
    for name in USERS:
        user = User.objects.get(pk=users[name].pk)
        seen[name] = refs(grant_oracle.visible_ids(user, readers))
        own = refs(
            Agreement.objects.filter(owner=user.agency)
            | Agreement.objects.filter(parties__agency=user.agency)
        )
        if name in ("kemlu", "ktln", "matrix_polpum", "jateng"):
            assert seen[name] - own, f"{name}: the grants add nothing"
    for name in ["kemlu", "ktln", "kemenkes", "jateng", "matrix_polpum"]:
        assert seen[name], name
        assert refs(everything) - seen[name], name
    # Kemlu (TPOA secretariat): the ormas asing agreements, the Ford MSP 2024–2027 among them.
    assert "DEMO-KEMENDAGRI-FORD-2024" in seen["kemlu"]
    # Biro KTLN: both renewals of 4 April 2024 (UCLG ASPAC by the working group; Ford Foundation
    # by the TPOA and the meeting it attended).
    assert {"DEMO-KEMENDAGRI-FORD-2024", "DEMO-KEMENDAGRI-UCLG-2024"} <= seen["ktln"]
    # Ditjen Polpum: ormas asing agreements naming a region, also of other ministries.
    assert "DEMO-KEMENSOS-OXFAM" in seen["matrix_polpum"]
    # Jawa Tengah: agreements naming its province (the Ford MSP names it), not Jakarta's.
    assert "DEMO-KEMENDAGRI-FORD-2024" in seen["jateng"]


@pytest.mark.django_db
def test_grants_never_give_edit_rights(demo):
    users, _readers = demo
    for name in USERS:
        user = User.objects.get(pk=users[name].pk)
        editable = set(Agreement.objects.editable_by(user).values_list("owner_id", flat=True))
        assert editable <= {user.agency.pk}, name
