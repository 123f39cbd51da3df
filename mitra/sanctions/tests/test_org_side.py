"""Issue 15 §3: the organization's side of a sanction case: replies within the step's period
(a deadline rule) with evidence of compliance, objections (keberatan) on the configured route
and their decision, all in the case's history and audited; never on public pages or open data."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests import files, hostile
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.engine import due_date
from mitra.deadlines.models import DeadlineRule
from mitra.deadlines.selectors import user_deadlines
from mitra.deadlines.services import reminders_send
from mitra.notifications.models import Notice
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.sanctions import services
from mitra.sanctions.models import SanctionCase, SanctionEvidence, SanctionObjection, SanctionReply
from mitra.sanctions.route import OBJECTION_DECISION_RULE, OBJECTION_FILING_RULE, REPLY_RULE

from .conftest import move

pytestmark = pytest.mark.django_db
S = SanctionCase.Status
WARNED = date(2026, 1, 12)  # a Monday


def warned(case: SanctionCase, actor: Any) -> SanctionCase:
    case = move(case, "assess", actor, date(2026, 1, 6))
    case = move(case, "escalate", actor, date(2026, 1, 7))  # persuasion
    return move(case, "escalate", actor, WARNED)  # written warning


@pytest.fixture
def warning(ford, secretariat, open_case) -> SanctionCase:
    return warned(open_case(ford), secretariat)


def written() -> dict[str, int]:
    return {
        "replies": SanctionReply.objects.count(),
        "objections": SanctionObjection.objects.count(),
        "evidence": SanctionEvidence.objects.count(),
        "audit": AuditEvent.objects.count(),
        "notices": Notice.objects.count(),
    }


def stored(root) -> set:
    return {p for p in root.rglob("*") if p.is_file()}


# --- replies ---------------------------------------------------------------------------------


def test_a_reply_with_evidence_is_recorded_audited_and_told_to_the_secretariat(
    warning, ford_rep, secretariat
):
    with freeze_today(WARNED + timedelta(days=2)):
        reply = services.sanction_reply_submit(
            case_id=warning.pk,
            text="The partner now holds the recommendation.",
            upload=files.pdf("rekomendasi.pdf"),
            title="Recommendation letter",
            actor=ford_rep,
        )
    assert reply.due == warning.compliance_due  # the warning's period is the reply's
    assert reply.step.label == "Written warning"
    evidence = reply.evidence.get()
    assert (evidence.internal, evidence.case_id, evidence.uploaded_by) == (
        False,
        warning.pk,
        ford_rep,
    )
    event = AuditEvent.objects.get(event="sanction_case.reply_submitted", target_id=warning.pk)
    assert event.data["new"]["document"] == "Recommendation letter"
    assert Notice.objects.filter(user=secretariat, event="sanctions.reply_received").exists()
    assert not Notice.objects.filter(user=ford_rep, event="sanctions.reply_received").exists()


def test_a_step_without_compliance_period_takes_the_reply_rule(ford, secretariat, open_case):
    case = move(move(open_case(ford), "assess", secretariat, date(2026, 1, 6)), "escalate",
                secretariat, date(2026, 1, 7))  # fmt: skip
    step = services.current_step(case)
    assert step.compliance_due is None
    assert services.reply_due(step) == due_date(REPLY_RULE, date(2026, 1, 7))
    # An operator versions the rule: the version in force on the step's date applies.
    DeadlineRule.objects.create(
        code=REPLY_RULE, version=2, name="Reply", kind="calendar_days", amount=20,
        direction="after", anchor="step", valid_from=date(2020, 1, 1),
    )  # fmt: skip
    assert services.reply_due(step) == date(2026, 1, 27)


def test_the_objection_rules_exist_as_versionable_rows():
    for code in (REPLY_RULE, OBJECTION_FILING_RULE, OBJECTION_DECISION_RULE):
        rule = DeadlineRule.objects.get(code=code, version=1)
        assert rule.uncertain
        assert rule.legal_basis


@pytest.mark.parametrize(
    ("case_", "text", "day", "field"),
    [
        ("blank", " ", WARNED + timedelta(days=1), "text"),
        ("late", "Done.", WARNED + timedelta(days=60), "text"),
    ],
)
def test_reply_refusals_write_nothing(warning, ford_rep, case_, text, day, field):
    before = written()
    with freeze_today(day), pytest.raises(ApplicationError) as error:
        services.sanction_reply_submit(case_id=warning.pk, text=text, actor=ford_rep)
    assert field in error.value.extra
    if case_ == "late":
        assert "ended on" in str(error.value.extra["text"])
    assert written() == before


@pytest.mark.parametrize("who", ["secretariat", "officer", "operator", "other_rep"])
def test_only_the_organizations_representatives_reply(request, warning, who):
    if who == "other_rep":
        actor = UserFactory(org_representative=True, organization=ForeignOrganizationFactory())
    else:
        actor = request.getfixturevalue(who)
    before = written()
    with freeze_today(WARNED + timedelta(days=1)), pytest.raises(ApplicationError):
        services.sanction_reply_submit(case_id=warning.pk, text="Hi.", actor=actor)
    assert written() == before


def test_no_reply_before_the_organization_is_approached_or_after_the_case_ends(
    ford, ford_rep, secretariat, open_case, warning
):
    reported = open_case(ford)
    lifted = move(warning, "lift", secretariat, WARNED + timedelta(days=1))
    for case in (reported, lifted):
        with freeze_today(WARNED + timedelta(days=2)), pytest.raises(ApplicationError):
            services.sanction_reply_submit(case_id=case.pk, text="Hi.", actor=ford_rep)
    assert not SanctionReply.objects.exists()


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (hostile.pdf_with_launch_action, "active content"),
        (files.png_named_pdf, "Only PDF, DOCX and ODT"),
        (lambda: hostile.docx_bomb(20), "compressed more than"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_stored(
    warning, ford_rep, settings, tmp_path, build, message
):
    before, files_before = written(), stored(tmp_path)
    with freeze_today(WARNED + timedelta(days=1)), pytest.raises(ApplicationError) as error:
        services.sanction_reply_submit(
            case_id=warning.pk, text="See attached.", upload=build(), actor=ford_rep
        )
    assert message in error.value.message or message in str(error.value.extra)
    assert "file" in error.value.extra
    assert written() == before
    assert stored(tmp_path) == files_before


def test_a_too_large_file_is_refused(warning, ford_rep, settings, tmp_path):
    settings.MITRA = {**django_settings.MITRA, "DOCUMENT_MAX_BYTES": 10}
    before = written()
    with freeze_today(WARNED + timedelta(days=1)), pytest.raises(ApplicationError) as error:
        services.sanction_reply_submit(
            case_id=warning.pk, text="x", upload=files.pdf(), actor=ford_rep
        )
    assert "file" in error.value.extra
    assert written() == before


# --- objections ------------------------------------------------------------------------------


def file_objection(case, actor, day=WARNED + timedelta(days=3), **kwargs):
    with freeze_today(day):
        return services.sanction_objection_file(
            case_id=case.pk, grounds=kwargs.pop("grounds", "The partner is exempt."),
            actor=actor, **kwargs,
        )  # fmt: skip


def test_objection_filed_blocks_escalation_and_tells_the_deciding_authority(
    warning, ford_rep, secretariat, kemlu
):
    objection = file_objection(warning, ford_rep, upload=files.docx(), title="Exemption")
    assert objection.status == SanctionObjection.Status.FILED
    assert objection.deciding_body == kemlu
    assert objection.filing_due == due_date(OBJECTION_FILING_RULE, WARNED)
    assert objection.decision_due == due_date(OBJECTION_DECISION_RULE, objection.filed_on)
    assert objection.evidence.get().internal is False
    assert AuditEvent.objects.filter(event="sanction_case.objection_filed").exists()
    assert Notice.objects.filter(user=secretariat, event="sanctions.objection_filed").exists()
    # The deciding authority's deadline is listed for it.
    keys = {d.key for d in user_deadlines(user=secretariat, on=objection.decision_due)}
    assert f"sanction:{warning.pk}:objection:{objection.pk}" in keys
    # No escalation while it waits, even after the compliance period.
    with pytest.raises(ApplicationError) as error:
        move(warning, "escalate", secretariat, warning.compliance_due + timedelta(days=1))
    assert "action" in error.value.extra


def test_a_rejected_objection_leaves_the_step_and_the_case_goes_on(warning, ford_rep, secretariat):
    objection = file_objection(warning, ford_rep)
    with freeze_today(WARNED + timedelta(days=5)):
        services.sanction_objection_decide(
            objection_id=objection.pk, outcome="rejected", decision="No exemption applies.",
            actor=secretariat,
        )  # fmt: skip
    objection.refresh_from_db()
    warning.refresh_from_db()
    assert objection.status == "rejected"
    assert objection.decided_on == WARNED + timedelta(days=5)
    assert warning.status == S.WRITTEN_WARNING
    step = warning.steps.get(action="objection_rejected")
    assert step.notes == "No exemption applies."
    assert AuditEvent.objects.filter(event="sanction_case.objection_decided").exists()
    assert Notice.objects.filter(user=ford_rep, event="sanctions.objection_decided").exists()
    case = move(warning, "escalate", secretariat, warning.compliance_due + timedelta(days=1))
    assert case.status == S.CESSATION


def test_an_upheld_objection_annuls_the_case_and_undoes_a_cessation(ford, ford_rep, secretariat):
    ford.refresh_from_db()
    before = ford.status
    case = SanctionCase.objects.get(pk=services.sanction_case_open(
        organization=ford, violation="x", source="public", reported_on=date(2026, 1, 5),
        actor=secretariat).pk)  # fmt: skip
    case = warned(case, secretariat)
    case = move(case, "escalate", secretariat, case.compliance_due + timedelta(days=1))
    assert case.status == S.CESSATION
    assert ForeignOrganization.objects.get(pk=ford.pk).status == "suspended"
    day = case.steps.last().issued_on + timedelta(days=1)
    objection = file_objection(case, ford_rep, day=day)
    with freeze_today(day + timedelta(days=2)):
        services.sanction_objection_decide(
            objection_id=objection.pk, outcome="upheld", decision="Recommendation was held.",
            actor=secretariat,
        )  # fmt: skip
    case.refresh_from_db()
    assert case.status == S.ANNULLED
    assert case.is_concluded
    assert ForeignOrganization.objects.get(pk=ford.pk).status == before
    assert not SanctionCase.objects.public().filter(pk=case.pk).exists()


@pytest.mark.parametrize("why", ["persuasion", "twice", "late", "blank", "disabled"])
def test_objection_refusals_write_nothing(ford, ford_rep, secretariat, open_case, warning, why):
    case, day, kwargs = warning, WARNED + timedelta(days=1), {}
    mitra = dict(django_settings.MITRA)
    if why == "persuasion":
        case = move(move(open_case(ford), "assess", secretariat, date(2026, 1, 6)), "escalate",
                    secretariat, date(2026, 1, 7))  # fmt: skip
    elif why == "twice":
        file_objection(case, ford_rep)
    elif why == "late":
        day = WARNED + timedelta(days=90)
    elif why == "blank":
        kwargs["grounds"] = "  "
    else:
        mitra["SANCTION_OBJECTION"] = {"ENABLED": False}
    before = written()
    with override_settings(MITRA=mitra), pytest.raises(ApplicationError) as error:
        file_objection(case, ford_rep, day=day, **kwargs)
    if why in ("twice", "late", "blank"):
        assert "grounds" in error.value.extra
    assert written() == before


def test_the_route_names_the_deciding_authority(warning, ford_rep, secretariat, other_officer):
    mitra = {**django_settings.MITRA, "SANCTION_OBJECTION": {"DECIDING_BODY": "kemenkes"}}
    with override_settings(MITRA=mitra):
        objection = file_objection(warning, ford_rep)
        assert objection.deciding_body.key == "kemenkes"
        assert Notice.objects.filter(user=other_officer, event="sanctions.objection_filed").exists()
        with pytest.raises(ApplicationError):
            services.sanction_objection_decide(
                objection_id=objection.pk, outcome="rejected", decision="No.", actor=secretariat
            )
        services.sanction_objection_decide(
            objection_id=objection.pk, outcome="rejected", decision="No.", actor=other_officer
        )
    assert SanctionObjection.objects.get().status == "rejected"


def test_a_bad_route_setting_is_a_clear_error(warning, ford_rep):
    mitra = {**django_settings.MITRA, "SANCTION_OBJECTION": {"STEPS": ["revoked"]}}
    with override_settings(MITRA=mitra), pytest.raises(ValueError, match="STEPS"):
        file_objection(warning, ford_rep)


@pytest.mark.parametrize("who", ["viewer", "officer", "ford_rep"])
def test_only_the_deciding_authority_decides(request, warning, ford_rep, who):
    objection = file_objection(warning, ford_rep)
    before = written()
    with pytest.raises(ApplicationError):
        services.sanction_objection_decide(
            objection_id=objection.pk, outcome="upheld", decision="Yes.",
            actor=request.getfixturevalue(who),
        )  # fmt: skip
    assert written() == before


def test_decision_bad_input_and_twice(warning, ford_rep, secretariat, operator):
    objection = file_objection(warning, ford_rep)
    before = written()
    with pytest.raises(ApplicationError) as error:
        services.sanction_objection_decide(
            objection_id=objection.pk, outcome="maybe", decision=" ", actor=secretariat,
            decided_on=WARNED,
        )  # fmt: skip
    assert set(error.value.extra) == {"outcome", "decision", "decided_on"}
    assert written() == before
    services.sanction_objection_decide(
        objection_id=objection.pk, outcome="rejected", decision="No.", actor=operator
    )
    with pytest.raises(ApplicationError):
        services.sanction_objection_decide(
            objection_id=objection.pk, outcome="upheld", decision="Yes.", actor=operator
        )


# --- reminders -------------------------------------------------------------------------------


def test_the_reply_period_is_a_deadline_reminded_until_the_organization_replies(
    ford, ford_rep, secretariat, open_case
):
    case = move(move(open_case(ford), "assess", secretariat, date(2026, 1, 6)), "escalate",
                secretariat, date(2026, 1, 7))  # fmt: skip
    step = services.current_step(case)
    due = services.reply_due(step)
    key = f"sanction:{case.pk}:reply:{step.pk}"
    assert key in {d.key for d in user_deadlines(user=ford_rep, on=due)}
    with freeze_today(due - timedelta(days=1)):
        reminders_send(on=due - timedelta(days=1))
    assert Notice.objects.filter(user=ford_rep, event="deadlines.reminder", key__contains=key)
    with freeze_today(due - timedelta(days=1)):
        services.sanction_reply_submit(case_id=case.pk, text="Done.", actor=ford_rep)
    assert key not in {d.key for d in user_deadlines(user=ford_rep, on=due)}


# --- pages: the organization's view, the secretariat's, and the public ----------------------


def test_ford_replies_through_the_page_and_the_secretariat_sees_it(
    client, warning, ford_rep, secretariat, officer
):
    url = reverse("sanctions:detail", args=[warning.pk])
    with freeze_today(WARNED + timedelta(days=1)):
        client.force_login(ford_rep)
        page = client.get(url).content.decode()
        assert 'id="reply-form"' in page
        assert 'id="objection-form"' in page
        response = client.post(
            reverse("sanctions:reply", args=[warning.pk]),
            {"text": "Recommendation attached.", "title": "Rekomendasi", "file": files.pdf()},
        )
        assert response.status_code == 302
        client.force_login(secretariat)
        page = client.get(url).content.decode()
    assert "Recommendation attached." in page
    assert "Rekomendasi" in page
    assert "Reply to a sanction step received" in page  # the audit history
    # Another agency's officer who sees the case (Kemendagri oversees) gets no forms.
    client.force_login(officer)
    with freeze_today(WARNED + timedelta(days=1)):
        page = client.get(url).content.decode()
    assert "Recommendation attached." in page
    assert 'id="reply-form"' not in page


def test_a_bad_file_through_the_page_is_refused_with_the_reason(
    client, warning, ford_rep, tmp_path
):
    client.force_login(ford_rep)
    before, files_before = written(), stored(tmp_path)
    with freeze_today(WARNED + timedelta(days=1)):
        response = client.post(
            reverse("sanctions:reply", args=[warning.pk]),
            {"text": "See attached.", "file": files.png_named_pdf()},
        )
    assert response.status_code == 400
    assert "Wrong file type." in response.content.decode()
    assert written() == before
    assert stored(tmp_path) == files_before


@pytest.mark.parametrize("who", ["secretariat", "officer", "viewer", "other_officer", "operator"])
def test_nobody_else_posts_a_reply_or_objection(request, client, warning, who):
    client.force_login(request.getfixturevalue(who))
    before = written()
    with freeze_today(WARNED + timedelta(days=1)):
        for name, data in (("sanctions:reply", {"text": "x"}), ("sanctions:objection_add",
                                                                  {"grounds": "x"})):  # fmt: skip
            response = client.post(reverse(name, args=[warning.pk]), data)
            assert response.status_code == 404, (who, name)
    assert written() == before


@pytest.mark.parametrize(
    ("who", "status"),
    [("secretariat", 302), ("operator", 302), ("officer", 404), ("viewer", 403), ("ford_rep", 403)],
)
def test_deciding_through_the_page(request, client, warning, ford_rep, who, status):
    objection = file_objection(warning, ford_rep)
    client.force_login(request.getfixturevalue(who))
    url = reverse("sanctions:objection_decide", args=[warning.pk, objection.pk])
    response = client.post(url, {"outcome": "rejected", "decision": "No."})
    assert response.status_code == status
    objection.refresh_from_db()
    assert objection.status == ("rejected" if status == 302 else "filed")


def test_deciding_with_bad_input_shows_the_errors(client, warning, ford_rep, secretariat):
    objection = file_objection(warning, ford_rep)
    client.force_login(secretariat)
    url = reverse("sanctions:objection_decide", args=[warning.pk, objection.pk])
    response = client.post(url, {"outcome": "upheld", "decision": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    objection.refresh_from_db()
    assert objection.status == "filed"


def test_replies_evidence_and_objections_never_reach_public_pages_or_open_data(
    client, warning, ford, ford_rep, secretariat
):
    from mitra.portal import opendata

    with freeze_today(WARNED + timedelta(days=1)):
        services.sanction_reply_submit(
            case_id=warning.pk, text="SECRET-REPLY-TEXT", upload=files.pdf("secret.pdf"),
            title="SECRET-EVIDENCE-TITLE", actor=ford_rep,
        )  # fmt: skip
        file_objection(warning, ford_rep, day=WARNED + timedelta(days=1),
                       grounds="SECRET-OBJECTION-GROUNDS")  # fmt: skip
    objection = SanctionObjection.objects.get()
    services.sanction_objection_decide(
        objection_id=objection.pk, outcome="rejected", decision="SECRET-DECISION-REASONS",
        actor=secretariat, decided_on=WARNED + timedelta(days=2),
    )  # fmt: skip
    move(warning, "lift", secretariat, WARNED + timedelta(days=3))
    services.sanction_case_update_notes(
        case_id=warning.pk, assessment_notes="", public_outcome="PUBLIC-OUTCOME-TEXT",
        actor=secretariat,
    )  # fmt: skip
    client.logout()
    pages = [
        client.get(reverse("portal:organization", args=[ford.pk])).content.decode(),
        client.get(reverse("portal:directory")).content.decode(),
    ]
    for slug in opendata.DATASETS:
        for fmt in ("csv", "json"):
            response = client.get(reverse("portal:opendata_download", args=[slug, fmt]))
            pages.append(b"".join(response.streaming_content).decode())
    everything = "\n".join(pages)
    assert "PUBLIC-OUTCOME-TEXT" in pages[0]  # the outcome is public
    for secret in (
        "SECRET-REPLY-TEXT",
        "SECRET-EVIDENCE-TITLE",
        "secret.pdf",
        "SECRET-OBJECTION-GROUNDS",
        "SECRET-DECISION-REASONS",
    ):
        assert secret not in everything, secret
