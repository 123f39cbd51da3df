"""Factories for work plans, activities and notifications (built rows, for reads and scoping;
tests of the rules go through the services).

`WorkPlanFactory(agreement=msp)` is an RIK covering the agreement; `rkt=True, parent=rik,
province=..., regional_government=...` makes an RKT for 2025. `status=` sets the (protected)
status when the row is built.
"""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from mitra.workplans.models import (
    Activity,
    RegionalNotification,
    WorkPlan,
    beneficiary_sums,
    empty_beneficiaries,
)


def adults(female: int, male: int) -> dict[str, dict[str, int]]:
    counts = empty_beneficiaries()
    counts["female"]["adult"], counts["male"]["adult"] = female, male
    return counts


class WorkPlanFactory(DjangoModelFactory):
    class Meta:
        model = WorkPlan

    kind = WorkPlan.Kind.RIK
    title = factory.Sequence(lambda n: f"Rencana kerja uji {n}")
    start_date = factory.LazyAttribute(lambda o: o.agreement.start_date)
    end_date = factory.LazyAttribute(lambda o: o.agreement.end_date)
    status = WorkPlan.Status.DRAFT

    class Params:
        rkt = factory.Trait(
            kind=WorkPlan.Kind.RKT,
            start_date=date(2025, 1, 1),
            end_date=date(2025, 12, 31),
            year=2025,
        )


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kegiatan uji {n}")
    start_date = factory.LazyAttribute(lambda o: o.work_plan.start_date)
    end_date = factory.LazyAttribute(lambda o: o.work_plan.end_date)
    planned_beneficiaries = factory.LazyFunction(lambda: adults(6, 4))
    actual_beneficiaries = factory.LazyFunction(empty_beneficiaries)
    # The sums follow the counts, as `Activity.set_planned_beneficiaries` keeps them.
    planned_total = factory.LazyAttribute(lambda o: beneficiary_sums(o.planned_beneficiaries)[0])
    planned_female = factory.LazyAttribute(lambda o: beneficiary_sums(o.planned_beneficiaries)[1])
    actual_total = factory.LazyAttribute(lambda o: beneficiary_sums(o.actual_beneficiaries)[0])
    actual_female = factory.LazyAttribute(lambda o: beneficiary_sums(o.actual_beneficiaries)[1])
    planned_budget = Decimal("1000")
    currency = "IDR"

    @factory.post_generation
    def provinces(obj: Activity, create: bool, extracted: object, **kwargs: object) -> None:  # type: ignore[misc]
        if create and extracted:
            obj.provinces.set(extracted)  # type: ignore[arg-type]

    @factory.post_generation
    def regencies(obj: Activity, create: bool, extracted: object, **kwargs: object) -> None:  # type: ignore[misc]
        if create and extracted:
            obj.regencies.set(extracted)  # type: ignore[arg-type]


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = RegionalNotification

    agreement = factory.LazyAttribute(lambda o: o.work_plan.agreement)
    recipient = RegionalNotification.Recipient.KEMENDAGRI
    notified_on = date(2025, 2, 1)
    reference = factory.Sequence(lambda n: f"B/{n}/2025")
