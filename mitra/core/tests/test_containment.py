"""The shared rules: regions within regions (`areas.check_area_within`) and dates that cannot
lie in the future (`validators.not_in_future`)."""

from dataclasses import dataclass
from datetime import date

from mitra.core.areas import Area, check_area_within
from mitra.core.tests.helpers import freeze_today
from mitra.core.validators import not_in_future


@dataclass(frozen=True)
class Province:
    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Regency:
    pk: int
    province_id: int
    name: str

    def __str__(self) -> str:
        return self.name


JATENG, DIY, PAPUA = (
    Province(33, "Jawa Tengah"),
    Province(34, "DI Yogyakarta"),
    Province(91, "Papua"),
)
SEMARANG, SLEMAN = Regency(3374, 33, "Kota Semarang"), Regency(3404, 34, "Sleman")
MSP = Area.of("the MSP", [JATENG, DIY], [])


def test_an_rkt_in_papua_under_an_msp_of_java_is_refused():
    assert check_area_within(Area.of("The RKT", [PAPUA]), MSP) == [
        "The RKT lies in Papua, outside the MSP (Jawa Tengah, DI Yogyakarta)."
    ]


def test_a_regency_of_a_whole_province_fits():
    assert check_area_within(Area.of("The RKT", [JATENG], [SEMARANG]), MSP) == []


def test_a_province_named_with_one_regency_stands_for_that_regency_only():
    city = Area.of("the RKT", [JATENG], [SEMARANG])
    assert check_area_within(Area.of("The activity", [JATENG], [SEMARANG]), city) == []
    assert check_area_within(Area.of("The activity", [JATENG]), city) == [
        "The activity lies in Jawa Tengah, outside the RKT (Kota Semarang)."
    ]


def test_an_area_naming_nothing_is_unbounded():
    national = Area.of("the agreement")
    assert check_area_within(Area.of("The RKT", [PAPUA]), national) == []
    assert check_area_within(national, MSP) == []


def test_every_place_outside_is_named():
    inner = Area.of("The activity", [PAPUA, DIY], [SLEMAN])
    only_jateng = Area.of("the RKT", [JATENG])
    assert check_area_within(inner, only_jateng) == [
        "The activity lies in Sleman, Papua, outside the RKT (Jawa Tengah)."
    ]


def test_not_in_future_uses_the_project_day():
    with freeze_today(date(2026, 11, 29)):
        assert not_in_future(None) == []
        assert not_in_future(date(2026, 11, 29)) == []
        assert not_in_future(date(2026, 11, 30)) == [
            "2026-11-30 is in the future: a date of something done (a decision, a signature, "
            "a notice) is recorded once it has happened."
        ]
    assert not_in_future(date(2026, 11, 30), on=date(2026, 12, 1)) == []
