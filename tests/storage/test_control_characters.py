"""Control characters never enter the store, whichever path a text takes (roster, calendar, window, CLI)."""

from dataclasses import replace
from datetime import datetime

import pytest

from planner.domain import model as m
from planner.domain.validation import ValidationError, text_problems
from planner.domain.zones import zone


@pytest.mark.parametrize("text", ["Ali\x00Khan", "Ali\x07", "\x1bAli", "Ali\x7f", "Ali\x85", "Ali\nKhan", "Ali\tKhan"])
def test_a_name_with_a_control_character_or_a_line_break_is_refused(store, visit, text):
    with pytest.raises(ValidationError, match="name"):
        store.add(m.Person(visit.id, text))
    assert store.people(visit.id) == []


def test_notes_and_designations_keep_their_line_breaks_but_not_a_nul(store, visit):
    store.add(m.Person(visit.id, "Ali Khan", designation="Deputy Minister\nof Trade", notes="first line\nsecond\tline"))
    with pytest.raises(ValidationError, match="U\\+0000"):
        store.add(m.Person(visit.id, "Bob", notes="first\x00"))
    assert [p.notes for p in store.people(visit.id)] == ["first line\nsecond\tline"]


def test_every_kind_of_record_is_checked(store, visit):
    start = datetime(2026, 12, 14, 10, tzinfo=zone("Asia/Dushanbe"))
    refused = [m.Sector(visit.id, "Textile\x00"), m.Venue(visit.id, "Palace", address="Rudaki\x01 Avenue"),
               m.Meeting(visit.id, "Talks\x00", start, start.replace(hour=11), "Asia/Dushanbe"),
               m.Delegation(visit.id, "Guests\x02", m.DelegationKind.OFFICIAL, m.Side.GUEST)]
    for record in refused:
        with pytest.raises(ValidationError):
            store.add(record)
    assert store.sectors(visit.id) == [] and store.venues(visit.id) == [] and store.meetings(visit.id) == []


def test_an_update_is_checked_too(store, visit):
    person = store.insert(m.Person(visit.id, "Ali Khan"))
    with pytest.raises(ValidationError, match="designation"):
        store.update(replace(person, designation="Minister\x00"))
    assert store.person(person.id).designation == ""


def test_plain_text_has_no_problems():
    assert text_problems(m.Person(1, "Алишер Ахмедов", native_name="علی خان", notes="a\nb")) == []
