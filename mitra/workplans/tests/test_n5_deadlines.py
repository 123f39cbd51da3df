"""The N5 acknowledgement clock (issue 9 §3, §4): the `n5.acknowledgement` rule gives the date;
an unacknowledged notice is listed until it is acknowledged, however overdue; past its date the
reminder job tells the organization and Kemendagri's Ditjen Polpum, once."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.deadlines.engine import due_date
from mitra.deadlines.models import DeadlineRule
from mitra.deadlines.reference import default_rule, load_default_rules
from mitra.deadlines.registry import REGULATOR, collect, deadlines_for_user, providers
from mitra.deadlines.services import reminders_send
from mitra.notifications.models import Notice
from mitra.workplans import services
from mitra.workplans.deadline_providers import (
    ACK_RULE,
    acknowledgement_due,
    acknowledgement_due_dates,
    acknowledgement_states,
    n5_acknowledgement_deadlines,
)
from mitra.workplans.models import RegionalNotification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db
NOTIFIED = date(2025, 2, 3)


def n5_keys(deadlines) -> set[str]:  # type: ignore[no-untyped-def]
    return {d.key for d in deadlines if d.key.startswith("n5:")}


def test_the_rule_is_a_shipped_default_of_fourteen_working_days():
    rule = default_rule(ACK_RULE)
    assert (rule.kind, rule.amount, rule.direction) == ("working_days", 14, "after")
    assert (rule.confidence, rule.uncertain) == ("D", True)
    # 3 Feb 2025 (Monday) + 14 working days; no holiday in between: Friday 21 February.
    assert acknowledgement_due(NOTIFIED) == date(2025, 2, 21) == due_date(ACK_RULE, NOTIFIED)


def test_the_bulk_dates_follow_the_engine_and_the_version_in_force_on_the_notice_day(db):
    load_default_rules()  # version 1, in force since 2013 (the migrations made it already)
    DeadlineRule.objects.create(
        code=ACK_RULE, version=2, name="shorter", kind="calendar_days", amount=5,
        direction="after", anchor="N5 notice sent", valid_from=date(2026, 1, 1),
    )  # fmt: skip
    days = [date(2025, 2, 3), date(2025, 12, 31), date(2026, 1, 1), date(2026, 7, 27)]
    bulk = acknowledgement_due_dates(days)
    assert bulk == {day: due_date(ACK_RULE, day, on=day) for day in days}
    assert bulk[date(2026, 1, 1)] == date(2026, 1, 6)  # version 2: five calendar days


def test_an_unacknowledged_notice_is_on_the_notified_bodys_clock(cast, n5):
    found = {d.key: d for d in n5_acknowledgement_deadlines(end=date(2030, 1, 1))}
    deadline = found[f"n5:{n5.to_pemprov.pk}:acknowledgement"]
    assert deadline.due == date(2025, 2, 21)
    assert deadline.kind == REGULATOR
    assert deadline.agencies == [cast.pemprov.pk]
    assert deadline.organizations == []
    assert deadline.record == n5.to_pemprov
    assert deadline.overdue_event == "workplans.n5_unacknowledged"
    assert found[f"n5:{n5.to_kemendagri.pk}:acknowledgement"].agencies == [cast.kemendagri.pk]
    # A notice to a unit is on its agency's clock.
    to_unit = NotificationFactory(
        work_plan=n5.rkt, notified_body=n5.kesbangpol, province=cast.jateng, notified_on=NOTIFIED
    )
    found = {d.key: d for d in n5_acknowledgement_deadlines(end=date(2030, 1, 1))}
    assert found[f"n5:{to_unit.pk}:acknowledgement"].agencies == [cast.pemprov.pk]


def test_my_deadlines_show_it_however_overdue_until_it_is_acknowledged(cast, n5):
    assert "workplans" in providers()
    jateng, kesbangpol = cast.users["jateng"], n5.users["kesbangpol"]
    key = f"n5:{n5.to_pemprov.pk}:acknowledgement"
    two_years_on = date(2027, 2, 21)
    for user in (jateng, kesbangpol):
        assert key in n5_keys(deadlines_for_user(user=user, end=two_years_on))
    # Not the business of another province, of the organization or of another ministry.
    for user in (n5.users["diy"], cast.users["ford"]):
        assert key not in n5_keys(deadlines_for_user(user=user, end=two_years_on))
    # Not yet due within a window that ends before its date.
    assert key not in n5_keys(deadlines_for_user(user=jateng, end=date(2025, 2, 20)))
    services.regional_notification_acknowledge(notification_id=n5.to_pemprov.pk, actor=jateng)
    for user in (jateng, kesbangpol):
        assert key not in n5_keys(deadlines_for_user(user=user, end=two_years_on))


def test_with_a_user_the_provider_reads_only_the_notices_its_inbox_owes(cast, n5):
    end = date(2030, 1, 1)
    # Pemprov sees both notices of the RKT it signs, but owes only the acknowledgement of the
    # one addressed to it (a big agency would otherwise read the whole country's notices only
    # to throw them away); Pemda DIY owes none.
    own = {f"n5:{n5.to_pemprov.pk}:acknowledgement"}
    assert n5_keys(n5_acknowledgement_deadlines(end=end, user=cast.users["jateng"])) == own
    assert n5_keys(n5_acknowledgement_deadlines(end=end, user=n5.users["diy"])) == set()
    # Its deadlines are only those on its own clock.
    assert n5_keys(deadlines_for_user(user=cast.users["jateng"], end=end)) == {
        f"n5:{n5.to_pemprov.pk}:acknowledgement"
    }


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    notices=st.lists(
        st.tuples(st.integers(0, 800), st.booleans()),  # days after 2024-06-01, acknowledged
        min_size=1,
        max_size=6,
    ),
    on_offset=st.integers(0, 900),
)
def test_property_met_is_gone_and_unmet_is_shown_and_overdue_after_its_date(
    cast, n5, notices, on_offset
):
    RegionalNotification.objects.filter(work_plan=n5.rkt).delete()  # the examples share the DB
    start = date(2024, 6, 1)
    made = []
    for offset, acknowledged in notices:
        notice = NotificationFactory(
            work_plan=n5.rkt,
            recipient="regional_government",
            notified_body=cast.pemprov,
            province=cast.jateng,
            notified_on=start + timedelta(days=offset),
        )
        if acknowledged:
            services.regional_notification_acknowledge(
                notification_id=notice.pk, actor=cast.users["jateng"]
            )
        made.append((notice, acknowledged))
    on = start + timedelta(days=on_offset)
    listed = {d.key: d for d in collect(end=on) if d.key.startswith("n5:")}
    far = {d.key for d in collect(end=date(2040, 1, 1)) if d.key.startswith("n5:")}
    states = acknowledgement_states(
        RegionalNotification.objects.filter(pk__in=[n.pk for n, _a in made]), on=on
    )
    for notice, acknowledged in made:
        key = f"n5:{notice.pk}:acknowledgement"
        due = acknowledgement_due(notice.notified_on)
        if acknowledged:  # met: gone, whatever the window
            assert key not in far
            assert not states[notice.pk].overdue
        else:  # unmet: shown once due (and ever after), overdue after its date
            assert key in far
            assert (key in listed) == (due <= on)
            assert states[notice.pk].overdue == (due < on)


def test_the_reminder_job_tells_the_organization_and_polpum_once_overdue(
    cast, n5, django_capture_on_commit_callbacks
):
    services.regional_notification_acknowledge(
        notification_id=n5.to_kemendagri.pk, actor=cast.users["officer"]
    )
    mail.outbox.clear()
    day_after = acknowledgement_due(n5.to_pemprov.notified_on) + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders_send(on=day_after)
    overdue = Notice.objects.filter(event="workplans.n5_unacknowledged")
    assert {n.user.username for n in overdue} == {"ford", "polpum", "ormas"}
    assert {n.target_id for n in overdue} == {str(n5.to_pemprov.pk)}  # not the acknowledged one
    assert counts["overdue"] >= 3
    ford_notice = overdue.get(user=cast.users["ford"])
    assert n5.to_pemprov.reference in ford_notice.title
    assert "21 February 2025" in ford_notice.title or "21 Februari 2025" in ford_notice.title
    assert ford_notice.url.endswith(f"/workplans/{n5.rkt.pk}/")
    emailed = {m.to[0] for m in mail.outbox if n5.to_pemprov.reference in m.subject}
    assert emailed == {n.user.email for n in overdue}
    # A second run (or the next day's) tells nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=day_after)
        reminders_send(on=day_after + timedelta(days=1))
    assert Notice.objects.filter(event="workplans.n5_unacknowledged").count() == 3


def test_before_its_date_the_notified_government_is_reminded(
    cast, n5, django_capture_on_commit_callbacks
):
    due = acknowledgement_due(n5.to_pemprov.notified_on)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=due - timedelta(days=1))
    reminded = Notice.objects.filter(
        event="deadlines.reminder",
        target_type=ContentType.objects.get_for_model(RegionalNotification),
        target_id=str(n5.to_pemprov.pk),
    )
    assert {n.user.username for n in reminded} >= {"jateng", "kesbangpol"}
    assert "ford" not in {n.user.username for n in reminded}
    assert not Notice.objects.filter(event="workplans.n5_unacknowledged").exists()
