"""Domain objects are values: frozen, changed with dataclasses.replace, holding tuples rather than lists."""

import dataclasses
import inspect
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from planner.domain import model as m


def domain_classes():
    return [cls for _name, cls in inspect.getmembers(m, inspect.isclass)
            if dataclasses.is_dataclass(cls) and cls.__module__ == m.__name__]


@pytest.mark.parametrize("cls", domain_classes(), ids=lambda cls: cls.__name__)
def test_every_domain_class_is_frozen(cls):
    assert cls.__dataclass_params__.frozen


def test_a_value_cannot_be_changed_in_place_only_replaced():
    person = m.Person(1, "Sherali Kabir", languages=["Tajik", "Russian"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.name = "Someone else"
    renamed = dataclasses.replace(person, name="Sherali Kabirov")
    assert person.name == "Sherali Kabir" and renamed.name == "Sherali Kabirov"


def test_collections_in_a_value_are_tuples_whatever_was_given():
    given = ["Tajik", "Russian"]
    person = m.Person(1, "Sherali Kabir", languages=given)
    given.append("English")
    assert person.languages == ("Tajik", "Russian")
    start = datetime(2026, 12, 14, 9, tzinfo=ZoneInfo("Asia/Dushanbe"))
    meeting = m.Meeting(1, "Briefing", start, start, "Asia/Dushanbe", exdates=[date(2026, 12, 15)])
    assert meeting.exdates == (date(2026, 12, 15),)
    assert hash(meeting) == hash(dataclasses.replace(meeting))
