"""The demo visit: the Prime Minister of Pakistan's official visit to Tajikistan.

Built from the news article behind the project: the virtual session of the two
industries ministers, its topics, the six priority sectors and a business
delegation for each. Companies and people the article does not name are
invented, and their notes say so.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from planner.domain import model as m
from planner.storage.store import Store

VISIT_ZONE = "Asia/Dushanbe"
HOME_ZONE = "Asia/Karachi"
FICTIONAL = "Fictional: invented for the demo visit."

PRIORITY_SECTORS = ["Textile", "Mining", "Leather", "Food processing", "Pharmaceuticals", "Surgical equipment"]
OTHER_SECTORS = ["Construction", "Footwear", "Sports goods", "Automotive", "Mobile phone manufacturing",
                 "Light engineering"]

# key, honorific, name, native name, designation, organisation, country, side, precedence, email, notes
PEOPLE = [
    ("pm", "H.E. Mr.", "Imran Khan", "عمران خان", "Prime Minister of Pakistan", "Government of Pakistan",
     "PK", m.Side.GUEST, 1, "", ""),
    ("president", "H.E. Mr.", "Emomali Rahmon", "Эмомалӣ Раҳмон", "President of the Republic of Tajikistan",
     "Government of Tajikistan", "TJ", m.Side.HOST, 1, "", ""),
    ("tj_pm", "H.E. Mr.", "Kokhir Rasulzoda", "Қоҳир Расулзода", "Prime Minister of the Republic of Tajikistan",
     "Government of Tajikistan", "TJ", m.Side.HOST, 2, "", ""),
    ("bakhtyar", "H.E. Mr.", "Makhdum Khusro Bakhtyar", "مخدوم خسرو بختیار",
     "Federal Minister of Industries and Production", "Ministry of Industries and Production", "PK",
     m.Side.GUEST, 3, "minister.office@moip.gov.pk.example", ""),
    ("kabir", "H.E. Mr.", "Sherali Kabir", "Шерали Кабир", "Minister of Industries and New Technologies",
     "Ministry of Industries and New Technologies", "TJ", m.Side.HOST, 3, "minister@mint.tj.example", ""),
    ("nasredin", "H.E. Mr.", "Ismatullo Nasredin", "Исматулло Насриддин",
     "Ambassador of Tajikistan to Pakistan", "Embassy of Tajikistan, Islamabad", "TJ", m.Side.HOST, 4,
     "embassy@tajembassy.pk.example", ""),
    ("pk_amb", "H.E. Ms.", "Sadia Rehman", "سعدیہ رحمان", "Ambassador of Pakistan to Tajikistan",
     "Embassy of Pakistan, Dushanbe", "PK", m.Side.GUEST, 4, "ambassador@pakembassy.tj.example", FICTIONAL),
    ("secretary", "Mr.", "Tariq Mahmood", "طارق محمود", "Secretary, Ministry of Industries and Production",
     "Ministry of Industries and Production", "PK", m.Side.GUEST, 10, "secretary@moip.gov.pk.example",
     FICTIONAL),
    ("boi", "Ms.", "Ayesha Siddiqui", "عائشہ صدیقی", "Secretary, Board of Investment", "Board of Investment",
     "PK", m.Side.GUEST, 11, "secretary@invest.gov.pk.example", FICTIONAL),
    ("deputy", "Mr.", "Farrukh Nazarov", "Фаррух Назаров", "First Deputy Minister of Industries and New Technologies",
     "Ministry of Industries and New Technologies", "TJ", m.Side.HOST, 10, "deputy@mint.tj.example", FICTIONAL),
    ("tj_geology", "Mr.", "Dilshod Saidov", "Дилшод Саидов", "Head, Main Department of Geology",
     "Government of Tajikistan", "TJ", m.Side.HOST, 12, "geology@gov.tj.example", FICTIONAL),
    ("tj_protocol", "Mr.", "Bakhtiyor Rahimov", "Бахтиёр Рахимов", "Chief of State Protocol",
     "Executive Office of the President", "TJ", m.Side.HOST, 20, "protocol@gov.tj.example", FICTIONAL),
    ("protocol", "Mr.", "Usman Ghani", "عثمان غنی", "Director General (Protocol)", "Ministry of Foreign Affairs",
     "PK", m.Side.GUEST, 20, "protocol@mofa.gov.pk.example", FICTIONAL),
    ("liaison", "Ms.", "Nigina Karimova", "Нигина Каримова", "Liaison Officer to the Pakistan delegation",
     "Ministry of Foreign Affairs of Tajikistan", "TJ", m.Side.HOST, 40, "liaison@mfa.tj.example", FICTIONAL),
    ("interpreter", "Mr.", "Jamshed Alimov", "Джамшед Алимов", "Interpreter (Tajik, Russian, English)",
     "Ministry of Foreign Affairs of Tajikistan", "TJ", m.Side.HOST, 41, "", FICTIONAL),
]

# Three invented Pakistani companies per priority sector, each with its representative.
BUSINESS = {
    "Textile": [("Indus Loom Mills", "Mr.", "Kamran Aslam", "کامران اسلم", "Chief Executive"),
                ("Ravi Cotton Exports", "Ms.", "Hina Qureshi", "حنا قریشی", "Managing Director"),
                ("Chenab Denim Works", "Mr.", "Faisal Iqbal", "فیصل اقبال", "Director Exports")],
    "Mining": [("Salt Range Minerals", "Mr.", "Asad Mehmood", "اسد محمود", "Chief Executive"),
               ("Chagai Exploration Company", "Mr.", "Naveed Baloch", "نوید بلوچ", "Head of Geology"),
               ("Karakoram Rare Metals", "Dr.", "Sana Javed", "ثنا جاوید", "Managing Director")],
    "Leather": [("Kasur Tanneries", "Mr.", "Imtiaz Sheikh", "امتیاز شیخ", "Chairman"),
                ("Sialkot Hide and Leather", "Ms.", "Rabia Anwar", "رابعہ انور", "Director"),
                ("Lahore Leather Crafts", "Mr.", "Zubair Butt", "زبیر بٹ", "Chief Executive")],
    "Food processing": [("Punjab Agro Foods", "Mr.", "Waqas Ahmed", "وقاص احمد", "Chief Executive"),
                        ("Mehran Rice and Spices", "Mr.", "Shahid Memon", "شاہد میمن", "Director Exports"),
                        ("Swat Orchards Juices", "Ms.", "Mahnoor Khan", "ماہ نور خان", "Managing Director")],
    "Pharmaceuticals": [("Margalla Pharma", "Dr.", "Omer Farooq", "عمر فاروق", "Chief Executive"),
                        ("Karachi Generics", "Dr.", "Nadia Hussain", "نادیہ حسین", "Director Regulatory Affairs"),
                        ("Potohar Biologics", "Mr.", "Adeel Raza", "عدیل رضا", "Managing Director")],
    "Surgical equipment": [("Sialkot Surgical Instruments", "Mr.", "Khalid Pervaiz", "خالد پرویز", "Chairman"),
                           ("Precision Steel Surgicals", "Mr.", "Bilal Tariq", "بلال طارق", "Chief Executive"),
                           ("Wazirabad Medical Tools", "Ms.", "Saima Akhtar", "صائمہ اختر", "Director")],
}

# Invented Tajik counterparts for the B2B sessions.
HOST_BUSINESS = {
    "Textile": ("Dushanbe Textile Combine", "Mr.", "Rustam Davlatov", "Рустам Давлатов", "Director"),
    "Mining": ("Zarafshon Ore Company", "Mr.", "Sherzod Umarov", "Шерзод Умаров", "Chief Engineer"),
    "Leather": ("Khujand Leather", "Ms.", "Madina Rasulova", "Мадина Расулова", "Director"),
    "Food processing": ("Vakhsh Agro", "Mr.", "Firuz Nematov", "Фируз Неъматов", "Chairman"),
    "Pharmaceuticals": ("Pamir Pharm", "Dr.", "Gulnora Safarova", "Гулнора Сафарова", "Chief Executive"),
    "Surgical equipment": ("Sogd Medtech", "Mr.", "Anvar Kholov", "Анвар Холов", "Director"),
}

VENUES = [
    ("airport", "Dushanbe International Airport", "Ahmadi Donish Avenue", "Dushanbe", None),
    ("palace", "Palace of the Nation (Kokhi Millat)", "Rudaki Avenue", "Dushanbe", 400),
    ("navruz", "Navruz Palace", "Ismoili Somoni Avenue", "Dushanbe", 800),
    ("hotel", "Delegation hotel, conference centre", "Shotemur Street", "Dushanbe", 300),
    ("ministry", "Ministry of Industries and New Technologies", "Rudaki Avenue", "Dushanbe", 60),
    ("fez", "Free Economic Zone \"Dushanbe\"", "Industrial district", "Dushanbe", 120),
]
TRAVEL = [("airport", "palace", 25), ("airport", "hotel", 25), ("palace", "hotel", 10), ("palace", "navruz", 10),
          ("hotel", "navruz", 15), ("hotel", "ministry", 10), ("hotel", "fez", 30), ("fez", "ministry", 30),
          ("ministry", "airport", 25)]

VIRTUAL_TOPICS = [
    ("Framework of industrial cooperation between Pakistan and Tajikistan", 20, "bakhtyar", None),
    ("Six priority sectors: textile, mining, leather, food processing, pharmaceuticals, surgical equipment",
     15, "kabir", None),
    ("National Electric Vehicles Policy and Mobile Device Manufacturing Policy", 15, "secretary",
     "Mobile phone manufacturing"),
    ("Revised Automotive Development Policy and the new National SMEs Policy", 10, "secretary", "Automotive"),
    ("Five-year plan for mining and exploration of rare metals, coal and minerals", 15, "kabir", "Mining"),
    ("Free distribution channels along the border; trade and financing across the region", 10, "kabir", None),
    ("Business delegation accompanying the Prime Minister", 5, "bakhtyar", None),
]


def _at(day: date, hhmm: str, zone: str = VISIT_ZONE) -> datetime:
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=ZoneInfo(zone))


def build_demo(store: Store) -> int:
    """Write the demo visit in one transaction and return its id."""
    with store.atomic():
        return _build(store)


def _build(store: Store) -> int:
    demo = _DemoVisit(store)
    demo.write_visit()
    demo.write_people()
    demo.write_delegations()
    demo.write_business()
    demo.write_venues()
    _first_days(demo)
    _second_day(demo)
    _last_day(demo)
    from planner.demo_b2b import build_b2b

    build_b2b(store, demo.vid)
    return demo.vid


class _DemoVisit:
    """The demo visit as it is written: what is stored so far, by the keys the tables above use."""

    FIRST, LAST = date(2026, 12, 14), date(2026, 12, 16)

    def __init__(self, store: Store):
        self.store = store
        self.vid = 0
        self.sectors: dict[str, int] = {}
        self.people: dict[str, int] = {}
        self.delegations: dict[str, int] = {}
        self.venues: dict[str, int] = {}

    def write_visit(self) -> None:
        visit = m.Visit(title="Official visit of the Prime Minister of Pakistan to Tajikistan",
                        kind=m.VisitKind.OFFICIAL, host_country="TJ", guest_country="PK", first_day=self.FIRST,
                        last_day=self.LAST, zone=VISIT_ZONE, home_zone=HOME_ZONE,
                        notes="Preceded by a virtual session of the two industries ministers.")
        self.vid = self.store.insert(visit).id
        for name in PRIORITY_SECTORS + OTHER_SECTORS:
            self.sectors[name] = self.store.insert(m.Sector(self.vid, name, priority=name in PRIORITY_SECTORS)).id

    def write_people(self) -> None:
        for key, honorific, name, native, designation, org, country, side, rank, email, notes in PEOPLE:
            languages = ("Urdu", "English") if country == "PK" else ("Tajik", "Russian")
            if key == "interpreter":
                languages = ("Tajik", "Russian", "English")
            person = m.Person(self.vid, name, honorific=honorific, native_name=native, designation=designation,
                              organisation=org, country=country, side=side, email=email, precedence=rank,
                              languages=languages, notes=notes, dietary="Halal" if country == "PK" else "")
            self.people[key] = self.store.insert(person).id

    def write_delegations(self) -> None:
        for key, name, kind, side in [
            ("official", "Official delegation of Pakistan", m.DelegationKind.OFFICIAL, m.Side.GUEST),
            ("business", "Pakistan business delegation", m.DelegationKind.BUSINESS, m.Side.GUEST),
            ("host", "Delegation of Tajikistan", m.DelegationKind.HOST, m.Side.HOST),
            ("host_business", "Tajik business community", m.DelegationKind.BUSINESS, m.Side.HOST),
            ("support", "Support staff", m.DelegationKind.SUPPORT, m.Side.OTHER),
        ]:
            self.delegations[key] = self.store.insert(m.Delegation(self.vid, name, kind, side)).id
        self.member("official", "pm", m.MemberRole.HEAD)
        for key in ("bakhtyar", "pk_amb", "secretary", "boi", "protocol"):
            self.member("official", key)
        self.member("host", "president", m.MemberRole.HEAD)
        for key in ("tj_pm", "kabir", "nasredin", "deputy", "tj_geology", "tj_protocol"):
            self.member("host", key)
        self.member("support", "liaison", m.MemberRole.LIAISON)
        self.member("support", "interpreter", m.MemberRole.INTERPRETER)

    def member(self, delegation: str, person: str, role=m.MemberRole.MEMBER, sector=None, company="") -> None:
        self.store.add(m.DelegationMember(self.delegations[delegation], self.people[person], role,
                                          self.sectors.get(sector), company))

    def write_business(self) -> None:
        """The business delegations: their people, each a member for their company and sector."""
        rank = 100
        for sector, companies in BUSINESS.items():
            for company, honorific, name, native, title in companies:
                key = f"biz:{company}"
                person = m.Person(self.vid, name, honorific=honorific, native_name=native, designation=title,
                                  organisation=company, country="PK", side=m.Side.GUEST, precedence=rank,
                                  email=f"{name.split()[0].lower()}@{company.split()[0].lower()}.pk.example",
                                  languages=("Urdu", "English"), notes=FICTIONAL)
                rank += 1
                self.people[key] = self.store.insert(person).id
                head = m.MemberRole.HEAD if company == "Indus Loom Mills" else m.MemberRole.MEMBER
                self.member("business", key, head, sector, company)
        rank = 100
        for sector, (company, honorific, name, native, title) in HOST_BUSINESS.items():
            key = f"biz:{company}"
            # Vakhsh Agro's chairman speaks no English: his B2B talks need an interpreter.
            spoken = ("Tajik", "Russian") if company == "Vakhsh Agro" else ("Tajik", "Russian", "English")
            person = m.Person(self.vid, name, honorific=honorific, native_name=native, designation=title,
                              organisation=company, country="TJ", side=m.Side.HOST, precedence=rank,
                              email=f"{name.split()[0].lower()}@{company.split()[0].lower()}.tj.example",
                              languages=spoken, notes=FICTIONAL)
            rank += 1
            self.people[key] = self.store.insert(person).id
            self.member("host_business", key, m.MemberRole.MEMBER, sector, company)

    def write_venues(self) -> None:
        for key, name, address, city, capacity in VENUES:
            self.venues[key] = self.store.insert(m.Venue(self.vid, name, address, city, capacity)).id
        for a, b, minutes in TRAVEL:
            self.store.set_travel_time(self.venues[a], self.venues[b], minutes)

    def meeting(self, title, kind, day, start, end, venue=None, attendees=(), agenda=(), **extra) -> m.Meeting:
        """A confirmed meeting organised by the protocol office, with its attendees and agenda."""
        chair = extra.pop("chair", None)
        item = self.store.insert(m.Meeting(
            self.vid, title, _at(day, start), _at(day, end), VISIT_ZONE, kind, venue_id=self.venues.get(venue),
            organiser_id=self.people["protocol"], status=extra.pop("status", m.MeetingStatus.CONFIRMED), **extra))
        for key in attendees:
            role = m.AttendeeRole.CHAIR if key == chair else m.AttendeeRole.REQUIRED
            reply = m.Reply.ACCEPTED if key in ("protocol", chair) else m.Reply.NEEDS_ACTION
            self.store.add(m.Attendee(item.id, self.people[key], role, reply))
        for n, (title_, minutes, presenter, sector) in enumerate(agenda, start=1):
            self.store.add(m.AgendaItem(item.id, n, title_, minutes, self.people.get(presenter),
                                        self.sectors.get(sector)))
        return item


def _first_days(demo: _DemoVisit) -> None:
    """The ministers' virtual session the week before, and the first day: arrival, talks, banquet."""
    d0, d1 = date(2026, 12, 8), demo.FIRST
    demo.meeting("Virtual interactive session of the industries ministers", m.MeetingKind.VIRTUAL_SESSION, d0,
            "10:00", "11:30", online_link="https://meet.example.org/pk-tj-industries",
            attendees=("bakhtyar", "kabir", "nasredin", "secretary", "deputy", "protocol"), chair="bakhtyar",
            agenda=VIRTUAL_TOPICS,
            notes="Statement issued afterwards by the Ministry of Industries and Production.")
    demo.meeting("Arrival and official welcome", m.MeetingKind.TRANSFER, d1, "10:30", "11:00", "airport",
            ("pm", "tj_pm", "pk_amb", "nasredin", "tj_protocol", "protocol"))
    demo.meeting("Motorcade to the delegation hotel", m.MeetingKind.TRANSFER, d1, "11:00", "11:30", None,
            ("pm", "bakhtyar", "pk_amb", "protocol", "liaison"), notes="From the airport to the delegation hotel.")
    demo.meeting("One-on-one meeting: Prime Minister and President", m.MeetingKind.ONE_ON_ONE, d1, "15:00", "15:45",
            "palace", ("pm", "president", "interpreter"), chair="president",
            agenda=[("Bilateral relations and regional connectivity", 25, "president", None),
                    ("Trade, investment and industrial cooperation", 20, "pm", None)],
            confidentiality=m.Confidentiality.RESTRICTED)
    demo.meeting("Delegation-level talks", m.MeetingKind.DELEGATION_LEVEL, d1, "15:45", "17:00", "palace",
            ("president", "pm", "tj_pm", "bakhtyar", "kabir", "pk_amb", "nasredin", "secretary", "boi",
             "deputy", "interpreter"), chair="president",
            agenda=[("Opening remarks by the President", 10, "president", None),
                    ("Remarks by the Prime Minister of Pakistan", 10, "pm", None),
                    ("Industrial cooperation in the six priority sectors", 25, "bakhtyar", None),
                    ("Mining, rare metals and minerals", 15, "kabir", "Mining"),
                    ("Border distribution channels and trade financing", 15, "tj_pm", None)],
            confidentiality=m.Confidentiality.RESTRICTED)
    demo.meeting("Signing of memoranda of understanding", m.MeetingKind.SIGNING, d1, "17:00", "17:30", "palace",
            ("president", "pm", "bakhtyar", "kabir", "protocol", "tj_protocol"),
            agenda=[("MoU on industrial cooperation", 10, "bakhtyar", None),
                    ("MoU on cooperation in geology and mining", 10, "kabir", "Mining"),
                    ("Exchange of documents", 10, None, None)])
    demo.meeting("Joint press stakeout", m.MeetingKind.PRESS, d1, "17:30", "18:00", "palace", ("president", "pm"))
    demo.meeting("Official banquet in honour of the Prime Minister", m.MeetingKind.MEAL, d1, "19:30", "21:30",
            "navruz", ("president", "pm", "tj_pm", "bakhtyar", "kabir", "pk_amb", "nasredin"))


def _second_day(demo: _DemoVisit) -> None:
    """The second day: the business forum, the B2B sessions by sector, the call on the Prime Minister."""
    d2 = date(2026, 12, 15)
    demo.meeting("Delegation morning briefing", m.MeetingKind.DELEGATION_LEVEL, d2, "08:30", "09:00", "hotel",
            ("bakhtyar", "pk_amb", "secretary", "boi", "protocol"), chair="bakhtyar",
            recurrence="FREQ=DAILY;COUNT=2")
    demo.meeting("Pakistan-Tajikistan Business Forum", m.MeetingKind.B2B, d2, "10:00", "12:30", "hotel",
            ("pm", "tj_pm", "bakhtyar", "kabir", "boi", "deputy")
            + tuple(f"biz:{c[0]}" for cs in BUSINESS.values() for c in cs),
            chair="kabir",
            agenda=[("Welcome by the Minister of Industries and New Technologies", 10, "kabir", None),
                    ("Keynote by the Prime Minister of Pakistan", 15, "pm", None),
                    ("Investment opportunities and joint ventures in Pakistan", 20, "boi", None),
                    ("Tajikistan's industrial zones and the five-year mining plan", 20, "deputy", "Mining"),
                    ("Questions from the business community", 30, None, None)])
    demo.meeting("Working lunch", m.MeetingKind.MEAL, d2, "12:45", "14:00", "hotel", ("bakhtyar", "kabir", "boi"))
    for n, sector in enumerate(PRIORITY_SECTORS):
        start, end = ("14:30", "15:30") if n % 2 == 0 else ("15:45", "16:45")
        keys = [f"biz:{c[0]}" for c in BUSINESS[sector]] + [f"biz:{HOST_BUSINESS[sector][0]}"]
        demo.meeting(f"B2B session: {sector}", m.MeetingKind.B2B, d2, start, end, None, keys,
                online_link="", notes=f"Hall {'ABC'[n // 2]} of the conference centre.", sector_id=demo.sectors[sector],
                agenda=[(f"Introductions: {sector.lower()} companies", 15, None, sector),
                        ("Matchmaking and joint venture proposals", 35, None, sector),
                        ("Next steps", 10, None, sector)])
    demo.meeting("Call on the Prime Minister of Tajikistan", m.MeetingKind.BILATERAL, d2, "17:00", "18:00", "palace",
            ("pm", "tj_pm", "bakhtyar", "pk_amb", "interpreter"), chair="tj_pm")


def _last_day(demo: _DemoVisit) -> None:
    """The last day: the free economic zone, mining, departure."""
    d3 = demo.LAST
    demo.meeting("Visit to the Free Economic Zone \"Dushanbe\"", m.MeetingKind.BILATERAL, d3, "09:30", "10:30", "fez",
            ("bakhtyar", "deputy", "boi", "liaison"))
    demo.meeting("Meeting on rare metals, coal and minerals", m.MeetingKind.BILATERAL, d3, "11:00", "11:45", "ministry",
            ("bakhtyar", "kabir", "tj_geology", "secretary") + tuple(f"biz:{c[0]}" for c in BUSINESS["Mining"]),
            chair="kabir",
            agenda=[("Five-year plan for mining and exploration", 15, "tj_geology", "Mining"),
                    ("Rare metals: exploration licences for joint ventures", 15, "kabir", "Mining"),
                    ("Coal and minerals trade", 15, "bakhtyar", "Mining")])
    demo.meeting("Departure", m.MeetingKind.TRANSFER, d3, "13:00", "13:30", "airport",
            ("pm", "tj_pm", "pk_amb", "nasredin", "protocol"))
