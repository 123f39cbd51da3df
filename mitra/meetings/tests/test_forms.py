"""The detail page's forms that name a government body or, instead, someone in words."""

from typing import Any

import pytest
from django.utils import translation

from mitra.bodies.models import GovernmentBody
from mitra.meetings.forms import ActionItemForm, AttendeeForm, InviteForm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_invite_needs_a_body_or_a_description() -> None:
    form = InviteForm({"body": "", "description": "  "})
    assert not form.is_valid()
    assert form.errors["body"] == ["Choose the invited body or describe the group."]
    assert InviteForm({"description": "Provincial governments"}).is_valid()


def test_action_item_needs_a_body_or_a_person_at_the_body_field() -> None:
    form = ActionItemForm({"text": "Send the letter", "owner_person": ""})
    assert not form.is_valid()
    assert form.errors["owner_body"] == ["Name the body or the person responsible."]
    assert ActionItemForm({"text": "Send the letter", "owner_person": "Budi"}).is_valid()


def test_an_attendee_may_name_no_body_and_every_body_is_offered_by_name(kemendagri) -> None:
    form = AttendeeForm({"name": "Budi", "role": "participant"})
    assert form.is_valid(), form.errors
    body: Any = form.fields["body"]
    assert list(body.queryset) == list(GovernmentBody.objects.order_by("name"))
    assert kemendagri.acronym
    label = f"{kemendagri.name} ({kemendagri.acronym})"
    assert body.label_from_instance(kemendagri) == label
    owner: Any = ActionItemForm().fields["owner_body"]
    assert owner.queryset.count() == GovernmentBody.objects.count()
