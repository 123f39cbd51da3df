"""mitra.core.concurrency: versions, uniqueness conflicts, idempotency keys and form tokens."""

from datetime import timedelta
from typing import Any

import pytest
from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from mitra.accounts.tests.factories import UserFactory
from mitra.core import concurrency
from mitra.core.exceptions import ApplicationError, Conflict, StaleVersion
from mitra.core.forms import stale_context
from mitra.core.models import IdempotencyRecord
from mitra.organizations.models import ForeignOrganization, Person
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


def _version(org: ForeignOrganization) -> int:
    return ForeignOrganization.objects.values_list("version", flat=True).get(pk=org.pk)


# --- lock_version ----------------------------------------------------------------------------


def test_lock_version_bumps_the_version_once() -> None:
    org = ForeignOrganizationFactory()
    with transaction.atomic():
        locked = concurrency.lock_version(ForeignOrganization.objects, pk=org.pk)
    assert locked.version == 2
    assert _version(org) == 2
    with transaction.atomic():
        again = concurrency.lock_version(ForeignOrganization.objects, pk=org.pk, expected_version=2)
    assert again.version == _version(org) == 3


def test_lock_version_refuses_a_stale_version_and_changes_nothing() -> None:
    org = ForeignOrganizationFactory()
    with transaction.atomic():
        concurrency.lock_version(ForeignOrganization.objects, pk=org.pk)
    with pytest.raises(StaleVersion) as caught, transaction.atomic():
        concurrency.lock_version(ForeignOrganization.objects, pk=org.pk, expected_version=1)
    assert caught.value.status_code == 412
    assert (caught.value.expected, caught.value.current.version) == (1, 2)
    assert "version 1" in caught.value.message
    assert _version(org) == 2


def test_lock_version_asks_authorize_before_it_compares() -> None:
    org = ForeignOrganizationFactory()

    def refuse(_: Any) -> None:
        raise ApplicationError("no")

    with pytest.raises(ApplicationError) as caught, transaction.atomic():
        concurrency.lock_version(
            ForeignOrganization.objects, pk=org.pk, expected_version=99, authorize=refuse
        )
    assert not isinstance(caught.value, StaleVersion)
    assert _version(org) == 1


def test_lock_version_of_a_missing_row_raises_does_not_exist() -> None:
    with pytest.raises(ForeignOrganization.DoesNotExist), transaction.atomic():
        concurrency.lock_version(ForeignOrganization.objects, pk=0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3), (" 7 ", 7), ("0", None), ("-1", None), ("x", None), (None, None)],
)
def test_parse_version(value: Any, expected: int | None) -> None:
    assert concurrency.parse_version(value) == expected


# --- unique_or_conflict ----------------------------------------------------------------------


def test_a_unique_violation_becomes_a_conflict() -> None:
    first = ForeignOrganizationFactory(legal_name="Same Name")
    first.refresh_search_text()
    first.save()
    second = ForeignOrganizationFactory(legal_name="same name!")
    second.refresh_search_text()
    with pytest.raises(Conflict) as caught, concurrency.unique_or_conflict("Taken.", {"x": ["y"]}):
        second.save()
    assert (caught.value.status_code, caught.value.message, caught.value.extra) == (
        409,
        "Taken.",
        {"x": ["y"]},
    )
    second.refresh_from_db()
    assert second.name_key is None  # the savepoint rolled back; the test transaction goes on


def test_other_integrity_errors_pass_through() -> None:
    org = ForeignOrganizationFactory()
    from mitra.bodies.tests.factories import GovernmentBodyFactory

    body = GovernmentBodyFactory()
    with pytest.raises(IntegrityError), concurrency.unique_or_conflict("Taken."):
        Person.objects.create(title="x", body=body, organization=org)  # a check constraint


# --- idempotency keys ------------------------------------------------------------------------


def _begin(user: Any, key: str = "k", body: Any = None) -> Any:
    fingerprint = concurrency.request_fingerprint(method="POST", path="/x/", data=body or {"a": 1})
    return concurrency.idempotency_begin(
        user=user, key=key, scope="POST /x/", fingerprint=fingerprint
    )


def test_fingerprint_ignores_key_order_but_not_content() -> None:
    one = concurrency.request_fingerprint(method="post", path="/x/", data={"a": 1, "b": [1, 2]})
    two = concurrency.request_fingerprint(method="POST", path="/x/", data={"b": [1, 2], "a": 1})
    assert one == two
    assert one != concurrency.request_fingerprint(
        method="POST", path="/y/", data={"a": 1, "b": [1, 2]}
    )
    assert one != concurrency.request_fingerprint(
        method="POST", path="/x/", data={"a": 2, "b": [1, 2]}
    )


def test_a_key_is_claimed_once_then_replayed() -> None:
    user = UserFactory()
    with transaction.atomic():
        record = _begin(user)
        assert isinstance(record, IdempotencyRecord)
        concurrency.idempotency_finish(record, status=201, body={"id": 5}, headers={"ETag": '"1"'})
    with transaction.atomic():
        replay = _begin(user)
    assert replay == concurrency.Replay(status=201, body={"id": 5}, headers={"ETag": '"1"'})
    assert IdempotencyRecord.objects.count() == 1


def test_a_key_reused_with_another_request_is_refused_with_422() -> None:
    user = UserFactory()
    with transaction.atomic():
        concurrency.idempotency_finish(_begin(user), status=201, body={}, headers={})
    with pytest.raises(concurrency.KeyReused) as caught, transaction.atomic():
        _begin(user, body={"a": 2})
    assert caught.value.status_code == 422


def test_an_unfinished_key_is_a_conflict() -> None:
    user = UserFactory()
    with transaction.atomic():
        _begin(user)  # claimed, never finished (as if its request were still running)
    with pytest.raises(Conflict), transaction.atomic():
        _begin(user)


def test_an_expired_key_is_claimed_afresh_and_purged() -> None:
    user, other = UserFactory(), UserFactory()
    with transaction.atomic():
        concurrency.idempotency_finish(_begin(user), status=201, body={}, headers={})
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    with transaction.atomic():
        assert isinstance(_begin(user), IdempotencyRecord)  # forgotten: a new claim
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    with transaction.atomic():
        _begin(other, key="fresh")  # forgets only `other`'s old keys
    assert concurrency.idempotency_purge() == 1
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["fresh"]


@pytest.mark.parametrize("key", ["", "  ", "x" * 256, "naïve", "a\tb"])
def test_bad_keys_are_named(key: str) -> None:
    assert concurrency.idempotency_key_error(key)


def test_a_good_key_passes() -> None:
    assert concurrency.idempotency_key_error("3f2b7c1e-0d4a-4c55-9f0e-2b9f1d2c8a11") is None


# --- form tokens -----------------------------------------------------------------------------


def test_a_form_token_is_used_once_and_remembers_its_record() -> None:
    user = UserFactory()
    token = concurrency.form_token_issue(user=user, scope="things.create")
    assert concurrency.form_token_usable(user=user, token=token, scope="things.create")
    with transaction.atomic():
        claim = concurrency.form_token_claim(user=user, token=token, scope="things.create")
        assert not claim.used
        concurrency.form_token_finish(claim, result_url="/things/1/")
    assert not concurrency.form_token_usable(user=user, token=token, scope="things.create")
    with transaction.atomic():
        second = concurrency.form_token_claim(user=user, token=token, scope="things.create")
    assert second.used
    assert second.record.result_url == "/things/1/"


def test_a_claim_rolled_back_leaves_the_token_usable() -> None:
    user = UserFactory()
    token = concurrency.form_token_issue(user=user, scope="s")

    def submit() -> None:
        with transaction.atomic():
            concurrency.form_token_claim(user=user, token=token, scope="s")
            raise ApplicationError("refused by the service")

    with pytest.raises(ApplicationError):
        submit()
    assert concurrency.form_token_usable(user=user, token=token, scope="s")


@pytest.mark.parametrize("case", ["unknown", "other user", "other form", "expired"])
def test_a_token_not_issued_for_this_submit_is_refused(case: str) -> None:
    user = UserFactory()
    token = concurrency.form_token_issue(user=user, scope="s")
    who, scope = user, "s"
    if case == "unknown":
        token = "nope"
    elif case == "other user":
        who = UserFactory()
    elif case == "other form":
        scope = "t"
    else:
        IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    with pytest.raises(concurrency.FormTokenInvalid), transaction.atomic():
        concurrency.form_token_claim(user=who, token=token, scope=scope)


# --- the "changed meanwhile" notice of a form -----------------------------------------------


class _Form(forms.Form):
    title = forms.CharField(label="Title")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "Alpha"), ("b", "Beta")])
    note = forms.CharField(label="Note", required=False)


def test_stale_context_names_who_and_shows_both_values() -> None:
    org = ForeignOrganizationFactory()
    with transaction.atomic():
        concurrency.lock_version(ForeignOrganization.objects, pk=org.pk)
    form = _Form({"title": "Mine", "kind": "b", "note": "same"})
    assert form.is_valid()
    error = concurrency.stale(current=ForeignOrganization.objects.get(pk=org.pk), expected=1)

    class Event:
        actor_name = "Siti Rahma"
        occurred_at = timezone.now()

    context = stale_context(
        form,
        error=error,
        current={"title": "Theirs", "kind": "a", "note": "same"},
        last_event=Event,
    )
    assert context["version"] == 2
    assert context["stale"]["message"].startswith("Changed meanwhile by Siti Rahma at ")
    changes = [(c.label, c.theirs, c.yours) for c in context["stale"]["changes"]]
    assert changes == [("Title", "Theirs", "Mine"), ("Kind", "Alpha", "Beta")]
    assert form.non_field_errors() == [context["stale"]["message"]]
