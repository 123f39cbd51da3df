"""The sanctions demo cases: each built through the services from its description, once."""

from datetime import date

import pytest

from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.sanctions import demo
from mitra.sanctions.models import SanctionCase

pytestmark = pytest.mark.django_db
S = SanctionCase.Status


def test_the_demo_cases_are_built_once_with_their_steps(secretariat, kemendagri, ford):
    ForeignOrganizationFactory(legal_name=demo.ORGANIZATION)
    rikolto = demo.load_sanctions_demo(secretariat)
    warning = demo.load_ford_warning_demo(secretariat)
    assert rikolto is not None
    assert warning is not None
    assert rikolto.status == S.LIFTED
    assert rikolto.public_outcome.startswith("Written warning for a late annual report")
    assert warning.status == S.WRITTEN_WARNING
    assert [s.action for s in warning.steps.order_by("pk")] == [
        "report",
        "assess",
        "escalate",
        "escalate",
    ]
    last = warning.steps.order_by("pk").last()
    assert last.issued_on == date(2026, 11, 25)
    assert last.authority.key == "kemlu"
    assert [b.key for b in last.notified_bodies.all()] == ["kemendagri"]
    assert demo.load_sanctions_demo(secretariat).pk == rikolto.pk
    assert demo.load_ford_warning_demo(secretariat).pk == warning.pk
    assert SanctionCase.objects.count() == 2


def test_without_its_organization_a_demo_case_is_left_out(secretariat):
    assert demo.load_sanctions_demo(secretariat) is None
    assert not SanctionCase.objects.exists()
