"""Replies, counter-proposals, updates and cancellations as Outlook, Google, Apple and Thunderbird write them."""

from dataclasses import replace
from pathlib import Path

import pytest

from planner.domain import model as m
from planner.ical.reading import ImportRefused
from planner.mail.inbox import calendar_files, import_files, plan_import
from planner.storage.queries.invitations import visit_calendar

SAMPLES = Path(__file__).parent / "lifecycle"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def attendee(store, meeting_id, person_id) -> m.Attendee:
    return next(a for a in store.attendees(meeting_id=meeting_id) if a.person_id == person_id)


def imported(store, visit_id, *names):
    plans, outcome = import_files(store, visit_id, [(n, sample(n)) for n in names])
    return [p for _label, p in plans], outcome


def comments(store, visit_id):
    target = visit_calendar(store.db, visit_id, [])
    return {key: r.comment for key, r in target.replies.items()}


@pytest.mark.parametrize("name,person,reply,comment", [
    ("outlook-accept-ru.ics", "kabir", m.Reply.ACCEPTED, "Буду с двумя советниками."),
    ("google-decline.ics", "observer", m.Reply.DECLINED, "Travelling that day, sorry"),
    ("apple-tentative.ics", "bakhtyar", m.Reply.TENTATIVE, ""),
    ("thunderbird-accept.ics", "observer", m.Reply.ACCEPTED, "Changed my plans, I can come after all."),
])
def test_a_reply_changes_only_the_repliers_answer(zones_visit, name, person, reply, comment):
    store, ids = zones_visit
    before = store.meeting(ids["berlin"])
    others = {a.person_id: a.reply for a in store.attendees(meeting_id=before.id) if a.person_id != ids[person]}
    [plan], _ = imported(store, ids["visit"], name)
    assert not plan.new and not plan.updated and len(plan.replies) == 1, plan.summary()
    assert attendee(store, before.id, ids[person]).reply is reply
    assert store.meeting(before.id) == before  # title, time, venue, sequence: nothing else moved
    assert {a.person_id: a.reply for a in store.attendees(meeting_id=before.id) if a.person_id != ids[person]} \
        == others
    assert len(store.meetings(ids["visit"])) == 7 and not any(x.title.startswith(("Принято", "Accepted", "Declined"))
                                                              for x in store.meetings(ids["visit"]))
    if comment:
        assert comments(store, ids["visit"])[(before.id, ids[person])] == comment
        assert comment in "\n".join(plan.summary())
    again, _ = imported(store, ids["visit"], name)
    assert again[0].empty and again[0].unchanged_answers == 1  # the same reply twice is recorded once


@pytest.mark.parametrize("name,reason", [
    ("reply-to-unknown-meeting.ics", "not in the visit"),
    ("reply-from-someone-not-invited.ics", "not invited"),
])
def test_replies_that_cannot_apply_are_skipped_with_the_reason(zones_visit, name, reason):
    store, ids = zones_visit
    meetings, people = len(store.meetings(ids["visit"])), len(store.people(ids["visit"]))
    [plan], _ = imported(store, ids["visit"], name)
    assert plan.empty and any(reason in s for s in plan.skipped), plan.skipped
    assert (len(store.meetings(ids["visit"])), len(store.people(ids["visit"]))) == (meetings, people)


def test_a_counter_proposal_is_kept_and_changes_nothing(zones_visit):
    store, ids = zones_visit
    before = store.meeting(ids["berlin"])
    [plan], _ = imported(store, ids["visit"], "outlook-counter.ics")
    [counter] = plan.counters
    assert store.meeting(before.id) == before
    assert attendee(store, before.id, ids["bakhtyar"]).reply is m.Reply.NEEDS_ACTION
    [kept] = visit_calendar(store.db, ids["visit"], []).counters[before.id]
    assert (kept.person_id, kept.comment.strip()) == (ids["bakhtyar"], "My flight lands at 09:30; could we start at 14:00?")
    assert (kept.start.hour, kept.end.hour, kept.zone, kept.venue) == (14, 15, "Europe/Berlin", "")
    assert kept.received_at is not None
    assert "Counter-proposal: H.E. Mr. Makhdum Khusro Bakhtyar proposes 25 Oct 2026 14:00–15:00" in counter.line()
    assert imported(store, ids["visit"], "outlook-counter.ics")[0][0].empty


def test_invite_accept_counter_update_stale_update_cancel_from_an_outlook_folder(zones_visit):
    store, ids = zones_visit
    files = calendar_files(SAMPLES / "outlook-folder")
    assert [label for label, _data in files] == ["01-invite.ics", "02-accept.eml", "03-counter.ics",
                                                 "04-update.ics", "05-stale-update.ics", "06-cancel.ics"]
    plans, _outcome = import_files(store, ids["visit"], files)
    invite, accept, counter, update, stale, cancel = [p for _label, p in plans]
    assert len(invite.new) == 1
    meeting = next(x for x in store.meetings(ids["visit"]) if x.uid.endswith("LIFECYCLE"))
    assert meeting.title == "Mining round table" and meeting.zone == "Asia/Karachi"
    assert len(accept.replies) == 1 and "two advisers" in accept.replies[0].line()
    assert len(counter.counters) == 1 and counter.counters[0].proposal.start.hour == 14
    assert [c.fields for c in update.updated] == [["start", "end"]]
    assert stale.empty and any("older version (sequence 0)" in s for s in stale.skipped)
    assert [c.fields for c in cancel.updated] == [["status"]]
    meeting = store.meeting(meeting.id)
    assert meeting.title == "Mining round table"  # never "Updated: …" nor "Canceled: …"
    assert meeting.status is m.MeetingStatus.CANCELLED and meeting.start.hour == 11  # the stale copy moved nothing
    assert meeting.sequence >= 2
    assert attendee(store, meeting.id, ids["kabir"]).reply is m.Reply.ACCEPTED


def test_a_stale_cancellation_is_skipped(zones_visit):
    store, ids = zones_visit
    import_files(store, ids["visit"], calendar_files(SAMPLES / "outlook-folder")[:1])
    meeting = next(x for x in store.meetings(ids["visit"]) if x.uid.endswith("LIFECYCLE"))
    store.update(replace(meeting, sequence=5))
    plan = plan_import(store, ids["visit"], sample("outlook-folder/06-cancel.ics"))
    assert plan.empty and "older cancellation (sequence 2)" in plan.skipped[0]


def test_a_folder_with_a_broken_file_imports_nothing(zones_visit, tmp_path):
    store, ids = zones_visit
    for name in ("01-invite.ics", "06-cancel.ics"):
        (tmp_path / name).write_bytes(sample(f"outlook-folder/{name}"))
    (tmp_path / "03-broken.ics").write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    count = len(store.meetings(ids["visit"]))
    with pytest.raises(ImportRefused, match="03-broken.ics"):
        import_files(store, ids["visit"], calendar_files(tmp_path))
    assert len(store.meetings(ids["visit"])) == count


def test_a_dry_run_of_a_folder_writes_nothing(zones_visit):
    store, ids = zones_visit
    plans, _ = import_files(store, ids["visit"], calendar_files(SAMPLES / "outlook-folder"), dry_run=True)
    assert len(plans[0][1].new) == 1 and len(plans[1][1].replies) == 1  # later files see the earlier ones
    assert len(store.meetings(ids["visit"])) == 7


def test_teams_link_room_and_windows_display_zone(zones_visit):
    store, ids = zones_visit
    plan = plan_import(store, ids["visit"], sample("outlook-teams-display-zone.ics"))
    [change] = plan.new
    meeting = change.meeting
    assert meeting.title == "Textile quota call" and meeting.zone == "Asia/Karachi"  # not Asia/Dushanbe
    assert meeting.online_link.startswith("https://teams.microsoft.com/l/meetup-join/")
    assert meeting.confidentiality is m.Confidentiality.CONFIDENTIAL
    assert [plan.venues[k].name for k in plan.new_venues] == ["Conference Room B-2"]  # the room, not Teams
    assert not any("room.b2" in key for key in plan.new_people)


def test_google_meet_link_and_resource_room(zones_visit):
    store, ids = zones_visit
    plan = plan_import(store, ids["visit"], sample("google-invite-meet-room.ics"))
    [change] = plan.new
    assert change.meeting.online_link == "https://meet.google.com/abc-defg-hij"
    assert change.meeting.confidentiality is m.Confidentiality.RESTRICTED
    assert [plan.venues[k].name for k in plan.new_venues] == ["Chamber-2-Board Room (12)"]
    assert not any("resource.calendar.google.com" in key for key in plan.new_people)


def test_zoom_link_in_the_location_is_the_online_link_not_a_venue(zones_visit):
    store, ids = zones_visit
    plan = plan_import(store, ids["visit"], sample("zoom-link-in-location.ics"))
    [change] = plan.new
    assert change.meeting.online_link == "https://us02web.zoom.us/j/89123456789?pwd=abc"
    assert not plan.new_venues and change.meeting.venue_id is None


def test_windows_zone_without_vtimezone_is_read_with_a_note(zones_visit):
    store, ids = zones_visit
    plan = plan_import(store, ids["visit"], sample("pakistan-without-vtimezone.ics"))
    [change] = plan.new
    assert change.meeting.zone == "Asia/Karachi" and change.meeting.start.hour == 9
    assert any("Pakistan Standard Time" in n and "no VTIMEZONE" in n for n in plan.notes)


def test_a_vtimezone_that_disagrees_with_its_iana_name_is_warned_about(zones_visit):
    store, ids = zones_visit
    plan = plan_import(store, ids["visit"], sample("berlin-with-wrong-rules.ics"))
    assert any(n.startswith("Warning: the file defines the time zone Europe/Berlin") and "+01:00 in the file" in n
               and "+02:00 in the zone" in n for n in plan.notes), plan.notes
    assert plan.new[0].meeting.start.hour == 10 and plan.new[0].meeting.zone == "Europe/Berlin"


def test_a_fold_that_splits_a_multibyte_character_is_read(zones_visit):
    store, ids = zones_visit
    title = "Переговоры о сотрудничестве в горнодобывающей отрасли"
    raw = title.encode("utf-8")
    cut = 9  # inside the second letter: 'П' is two bytes, so byte 9 splits 'е'
    assert raw[cut] & 0xC0 == 0x80
    line = b"SUMMARY:" + raw[:cut] + b"\r\n " + raw[cut:]
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:fold-1@example.com\r\n"
            b"DTSTAMP:20261101T100000Z\r\nDTSTART:20261102T050000Z\r\nDTEND:20261102T060000Z\r\n" + line +
            b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    plan = plan_import(store, ids["visit"], data)
    assert plan.new[0].meeting.title == title


def test_eml_with_a_calendar_part_and_without_one(tmp_path):
    [(label, data)] = calendar_files(SAMPLES / "outlook-folder" / "02-accept.eml")
    assert label == "02-accept.eml" and b"METHOD:REPLY" in data
    empty = tmp_path / "note.eml"
    empty.write_bytes(b"From: a@example.org\r\nSubject: hello\r\n\r\nJust text.\r\n")
    with pytest.raises(ImportRefused, match="no calendar part"):
        calendar_files(empty)


def test_our_own_programme_reimports_without_loss(zones_visit):
    from dataclasses import replace

    from planner.domain.invitations import Scope
    from planner.mail.outbox import export
    from planner.storage.database import open_memory
    from planner.storage.store import Store

    source, ids = zones_visit
    berlin = source.meeting(ids["berlin"])
    source.update(replace(berlin, confidentiality=m.Confidentiality.CONFIDENTIAL, kind=m.MeetingKind.SIGNING))
    text = export(source, Scope(visit_id=ids["visit"]), "publish").text
    target = Store(open_memory())
    visit = replace(source.visit(ids["visit"]), id=None)
    visit = target.insert(visit)
    import_files(target, visit.id, [("programme.ics", text.encode("utf-8"))])
    copy = next(x for x in target.meetings(visit.id) if x.uid == berlin.uid)
    assert copy.confidentiality is m.Confidentiality.CONFIDENTIAL and copy.kind is m.MeetingKind.SIGNING
    assert copy.online_link == berlin.online_link
    assert target.get(type(target.sectors(visit.id)[0]), copy.sector_id).name == "Mining"
    items = target.agenda(copy.id)
    assert [(i.title, i.duration_minutes) for i in items] == [
        ("Opening remarks", 15), ("Rare metals; exploration licences, joint ventures", 45)]
    assert [target.person(i.presenter_id).name for i in items] == ["Sherali Kabir", "Makhdum Khusro Bakhtyar"]
    assert copy.notes == ""  # the agenda is not copied into the notes as well
    textile = next(x for x in target.meetings(visit.id) if x.uid == "newyork@visit-planner.test")
    assert target.get(type(target.sectors(visit.id)[0]), target.agenda(textile.id)[0].sector_id).name == "Textile"
    # ... and into the visit it came from: nothing changes.
    plans, _ = import_files(source, ids["visit"], [("programme.ics", text.encode("utf-8"))], dry_run=True)
    assert not plans[0][1].updated and not plans[0][1].new


def test_line_breaks_and_control_characters_never_break_a_file_or_a_mail(zones_visit, tmp_path):
    import email
    from email import policy

    import icalendar

    from planner.domain.invitations import Scope
    from planner.mail.imip import write_emails
    from planner.mail.outbox import export
    from planner.storage.queries.invitations import programme

    store, ids = zones_visit
    # Written as an older version, or another program, may have stored them: the store refuses them now.
    store.db["meetings"].update(ids["berlin"], {"title": "Talks\nin Berlin\x00 (draft\x07)"})
    store.db["people"].update(ids["kabir"], {"name": "Sherali\r\nKabir\x00"})
    result = export(store, Scope(meeting_id=ids["berlin"]), "request")
    assert "\x00" not in result.text and "\x07" not in result.text
    event = icalendar.Calendar.from_ical(result.text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Talks\nin Berlin (draft)"
    [path] = write_emails(programme(store.db, ids["visit"]), result, tmp_path)
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["Subject"] == "Invitation: Talks in Berlin (draft)"
    assert "H.E. Mr. Sherali Kabir" in [a.display_name.split(" (")[0] for a in message["To"].addresses]
    plan = plan_import(store, ids["visit"], result.text)  # our own importer reads what we wrote
    assert not plan.new
