"""A whole visit set up from an empty database through the window's own actions and dialogs, as an officer would.

The return visit of Tajikistan's President to Islamabad: the visit with its
organiser, ten people in three scripts put in order of precedence, three
delegations (one by sector), three venues with travel times, six meetings
with attendees added by delegation and an agenda; a person and a venue
booked twice, which the Conflicts panel catches; then the printed programme
and an invite whose ORGANIZER is the protocol office. The store is only read,
to check what the window wrote.
"""

from datetime import date

import icalendar
from pypdf import PdfReader
from PySide6.QtCore import QDate, QTime, QTimer
from PySide6.QtWidgets import QApplication

from planner.domain.model import DelegationKind, MeetingKind, Side
from planner.storage.database import open_database
from planner.storage.store import Store
from planner.ui.people.person_dialog import PersonDialog
from planner.ui.shell.visit_editor import VisitEditor
from planner.ui.widgets import file_dialogs
from tests.ui.window_helpers import make_window

# name, native name, designation, side, country; entered in this order, then put in order of precedence.
PEOPLE = [
    ("Sirojiddin Muhriddin", "Сироҷиддин Муҳриддин", "Minister of Foreign Affairs", Side.GUEST, "TJ"),
    ("Emomali Rahmon", "Эмомалӣ Раҳмон", "President of the Republic of Tajikistan", Side.GUEST, "TJ"),
    ("Daler Juma", "Далер Ҷума", "Minister of Energy and Water Resources", Side.GUEST, "TJ"),
    ("Zarina Karimova", "Зарина Каримова", "Chairperson, Tajik Textile Association", Side.GUEST, "TJ"),
    ("Bahrom Saidov", "Баҳром Саидов", "Director, Pamir Energy Trading", Side.GUEST, "TJ"),
    ("Nigina Rahimova", "Нигина Раҳимова", "Director, Khujand Pharm", Side.GUEST, "TJ"),
    ("Asif Ali Zardari", "آصف علی زرداری", "President of Pakistan", Side.HOST, "PK"),
    ("Ishaq Dar", "اسحاق ڈار", "Deputy Prime Minister and Minister for Foreign Affairs", Side.HOST, "PK"),
    ("Ahad Khan Cheema", "احد خان چیمہ", "Minister for Economic Affairs", Side.HOST, "PK"),
    ("Ayesha Farooq", "عائشہ فاروق", "Chief of Protocol", Side.HOST, "PK"),
]
GUEST_ORDER = ["Emomali Rahmon", "Sirojiddin Muhriddin", "Daler Juma", "Zarina Karimova", "Bahrom Saidov",
               "Nigina Rahimova"]
HOST_ORDER = ["Asif Ali Zardari", "Ishaq Dar", "Ahad Khan Cheema", "Ayesha Farooq"]


def answer_modal(cls, fill) -> None:
    """Fill in the modal dialog of ``cls`` that the next click opens, then press OK."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, cls), dialog
        fill(dialog)
        dialog.accept()
    QTimer.singleShot(0, answer)


def new_visit(window) -> None:
    window.action_by_id["visit.new"].trigger()
    dialog = window.findChild(VisitEditor)
    dialog.title_edit.setText("State visit of the President of Tajikistan to Pakistan")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("state"))
    dialog.host_edit.setEditText("Pakistan")
    dialog.guest_edit.setEditText("Tajikistan")
    dialog.first_edit.setDate(QDate(2027, 5, 10))
    dialog.last_edit.setDate(QDate(2027, 5, 12))
    dialog.home_zone_edit.setEditText("Asia/Karachi")
    dialog.organiser_name_edit.setText("Protocol Division, Ministry of Foreign Affairs")
    dialog.organiser_email_edit.setText("protocol@mofa.gov.pk.example")
    dialog.organiser_phone_edit.setText("+92 51 921 0335")
    dialog.accept()


def add_people(window) -> None:
    view = window.people_view
    for name, native, designation, side, country in PEOPLE:
        def fill(dialog, name=name, native=native, designation=designation, side=side, country=country):
            dialog.honorific.setCurrentText("H.E. Mr." if "President" in designation else "Mr.")
            dialog.name.setText(name)
            dialog.native_name.setText(native)
            dialog.designation.setText(designation)
            dialog.side.setCurrentIndex(dialog.side.findData(side))
            dialog.country.setText(country)
            dialog.email.setText(name.lower().replace(" ", ".") + "@example.org")
        answer_modal(PersonDialog, fill)
        view.new_button.click()


def order_by_precedence(window, store, visit_id) -> None:
    dialog = window.action_by_id["people.precedence"].trigger() or window.findChildren(
        __import__("planner.ui.people.precedence_dialog", fromlist=["x"]).PrecedenceDialog)[-1]
    ids = {p.name: p.id for p in store.people(visit_id)}
    for order in (GUEST_ORDER, HOST_ORDER):
        for position, name in enumerate(order, start=1):
            dialog.select(ids[name])
            dialog.move_current_to(position)
    dialog.select(ids["Bahrom Saidov"])
    dialog.set_tied(True)  # two business leaders of equal rank
    dialog.accept()


def add_sectors(window) -> None:
    window.action_by_id["people.sectors"].trigger()
    dialog = window.setup_dialogs["SectorsDialog"]
    for name, priority in (("Textile", True), ("Energy", True), ("Pharmaceuticals", False)):
        dialog.start_new()
        dialog.name_edit.setText(name)
        dialog.priority_check.setChecked(priority)
        assert dialog.save_sector()
    dialog.close()


def add_delegations(window, store, visit_id) -> None:
    window.action_by_id["people.delegations"].trigger()
    dialog = window.setup_dialogs["DelegationsDialog"]
    sectors = {s.name: s.id for s in store.sectors(visit_id)}

    def delegation(name, side, kind, members, head=None):
        dialog.start_new()
        dialog.name_edit.setText(name)
        dialog.side_combo.setCurrentIndex(dialog.side_combo.findData(side))
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
        assert dialog.save_delegation()
        for words, sector in members:
            dialog.add_members_button.click()
            picker = dialog.picker
            picker.people_list.filter.setText(words)
            picker.people_list.view.selectAll()
            if sector:
                picker.sector_combo.setCurrentIndex(picker.sector_combo.findData(sectors[sector]))
            picker.accept()
        if head:
            dialog.head_combo.setCurrentIndex(dialog.head_combo.findText(head))
            assert dialog.save_delegation()

    delegation("Pakistan host delegation", Side.HOST, DelegationKind.OFFICIAL,
               [("Zardari", None), ("Dar", None), ("Cheema", None)], "H.E. Mr. Asif Ali Zardari")
    delegation("Tajik official delegation", Side.GUEST, DelegationKind.OFFICIAL,
               [("Rahmon", None), ("Muhriddin", None), ("Juma", None)], "H.E. Mr. Emomali Rahmon")
    delegation("Tajik business delegation", Side.GUEST, DelegationKind.BUSINESS,
               [("Textile", "Textile"), ("Pamir", "Energy"), ("Pharm", "Pharmaceuticals")])
    dialog.close()


def add_venues(window) -> None:
    window.action_by_id["visit.venues"].trigger()
    dialog = window.setup_dialogs["VenuesDialog"]
    for name, address in (("Aiwan-e-Sadr", "Constitution Avenue"), ("Prime Minister's Office", "Constitution Avenue"),
                          ("Serena Hotel", "Khayaban-e-Suhrwardy")):
        dialog.start_new()
        dialog.name_edit.setText(name)
        dialog.address_edit.setText(address)
        dialog.city_edit.setText("Islamabad")
        assert dialog.save_venue()
    for a, b, minutes in (("Aiwan-e-Sadr", "Serena Hotel", 25), ("Prime Minister's Office", "Serena Hotel", 20),
                          ("Aiwan-e-Sadr", "Prime Minister's Office", 5)):
        dialog.from_combo.setCurrentIndex(dialog.from_combo.findText(a))
        dialog.to_combo.setCurrentIndex(dialog.to_combo.findText(b))
        dialog.minutes_spin.setValue(minutes)
        assert dialog.set_travel_time()
    dialog.close()


def add_meeting(window, title, kind, day, start, end, venue, delegations, agenda=()):
    window.action_by_id["meeting.new"].trigger()
    editor = window.editor
    editor.title_edit.setText(title)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData(str(kind)))
    editor.day_edit.setDate(QDate(2027, 5, day))
    editor.start_edit.setTime(QTime(*start))
    editor.end_edit.setTime(QTime(*end))
    editor.venue_combo.setCurrentIndex(editor.venue_combo.findText(venue))
    for name in delegations:
        editor.delegation_combo.setCurrentIndex(editor.delegation_combo.findText(name))
        editor.add_delegation_button.click()
    for item, minutes in agenda:
        editor.agenda_buttons["add"].click()
        row = len(editor.agenda_model.items) - 1
        editor.agenda_model.setData(editor.agenda_model.index(row, 1), item)
        editor.agenda_model.setData(editor.agenda_model.index(row, 2), minutes)
    assert editor.validate(), title
    editor.accept()


def test_plan_a_visit_from_an_empty_database(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "islamabad.sqlite"
    store = Store(open_database(path))
    window = make_window(qtbot, store, None, tmp_path)
    window.session.set_visit(None)

    new_visit(window)
    visit = window.session.visit
    assert visit is not None and (visit.host_country, visit.guest_country, visit.zone) == ("PK", "TJ", "Asia/Karachi")
    assert visit.organiser.email == "protocol@mofa.gov.pk.example"
    visit_id = visit.id

    window.show_tab("people")
    add_people(window)
    assert len(store.people(visit_id)) == 10
    order_by_precedence(window, store, visit_id)
    guests = [(p.name, p.precedence) for p in store.people(visit_id, side=Side.GUEST)]
    assert guests == [("Emomali Rahmon", 1), ("Sirojiddin Muhriddin", 2), ("Daler Juma", 3), ("Bahrom Saidov", 4),
                      ("Zarina Karimova", 4), ("Nigina Rahimova", 5)]  # equal rank: by name
    assert [p.name for p in store.people(visit_id, side=Side.HOST)] == HOST_ORDER
    assert {p.native_name[0] for p in store.people(visit_id)} >= {"Э", "آ"}

    add_sectors(window)
    add_delegations(window, store, visit_id)
    delegations = {d.name: d for d in store.delegations(visit_id)}
    assert [d.side for d in store.delegations(visit_id)][0] == Side.HOST
    business = delegations["Tajik business delegation"]
    sectors = {s.id: s.name for s in store.sectors(visit_id)}
    assert sorted(sectors[x.sector_id] for x in store.members(delegation_id=business.id)) == [
        "Energy", "Pharmaceuticals", "Textile"]

    add_venues(window)
    assert len(store.venues(visit_id)) == 3 and len(store.travel_times(visit_id)) == 3

    add_meeting(window, "Arrival ceremony", MeetingKind.ARRIVAL, 10, (10, 0), (10, 30), "Aiwan-e-Sadr",
                ["Pakistan host delegation", "Tajik official delegation"])
    add_meeting(window, "Delegation-level talks", MeetingKind.DELEGATION_LEVEL, 10, (11, 0), (12, 30),
                "Prime Minister's Office", ["Pakistan host delegation", "Tajik official delegation"],
                [("Opening remarks", 15), ("Energy: CASA-1000", 45), ("Trade and transit", 30)])
    add_meeting(window, "Signing of agreements", MeetingKind.SIGNING, 10, (12, 30), (13, 0),
                "Prime Minister's Office", ["Pakistan host delegation", "Tajik official delegation"])
    add_meeting(window, "State banquet", MeetingKind.BANQUET, 10, (20, 0), (22, 0), "Aiwan-e-Sadr",
                ["Pakistan host delegation", "Tajik official delegation", "Tajik business delegation"])
    add_meeting(window, "Business forum", MeetingKind.B2B, 11, (10, 0), (12, 0), "Serena Hotel",
                ["Tajik business delegation", "Tajik official delegation"],
                [("Textile", 40), ("Energy", 40), ("Pharmaceuticals", 40)])
    # Deliberate clashes: the President and his ministers at the forum and at the call, in the same hall.
    add_meeting(window, "Call on the President", MeetingKind.CALL_ON, 11, (11, 0), (11, 45), "Serena Hotel",
                ["Tajik official delegation"])
    meetings = store.meetings(visit_id)
    assert len(meetings) == 6
    assert sum(len(store.attendees(meeting_id=m.id)) for m in meetings) == 6 + 6 + 6 + 9 + 6 + 3
    assert [i.title for i in store.agenda(meetings[1].id)] == ["Opening remarks", "Energy: CASA-1000",
                                                                "Trade and transit"]

    panel = window.conflicts_panel
    qtbot.waitUntil(lambda: {str(c.kind) for c in panel.model.conflicts()} >= {"venue double-booked",
                                                                               "person double-booked"}, timeout=5000)
    clashes = [c for c in panel.model.conflicts() if str(c.kind) == "person double-booked"]
    assert {store.person(c.person_id).name for c in clashes} == {"Emomali Rahmon", "Sirojiddin Muhriddin",
                                                                  "Daler Juma"}

    # The printed programme and an invite from the protocol office.
    pdf = tmp_path / "programme.pdf"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(pdf), ""))
    window.action_by_id["print.export_programme"].trigger()
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "State banquet" in text and "Business forum" in text
    invite = tmp_path / "talks.ics"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: (str(invite), ""))
    window.select_meetings([meetings[1].id])
    window.action_by_id["ics.invite_meeting"].trigger()
    event = icalendar.Calendar.from_ical(invite.read_bytes()).walk("VEVENT")[0]
    assert str(event["ORGANIZER"]) == "mailto:protocol@mofa.gov.pk.example"
    assert event["ORGANIZER"].params["CN"] == "Protocol Division, Ministry of Foreign Affairs"
    assert store.visit(visit_id).first_day == date(2027, 5, 10)
