"""The demo visit's B2B matchmaking: its companies, meeting requests, the halls of its B2B sessions and a plan."""

from __future__ import annotations

from dataclasses import replace

from planner.b2b.model import Company, Hall, Interpreters, MeetingRequest, Priority
from planner.b2b.plan import apply, problem_of
from planner.b2b.scheduler import greedy
from planner.domain.model import Side
from planner.storage import b2b_store
from planner.storage.queries import b2b as q

NATIVE = {"Dushanbe Textile Combine": "Комбинати бофандагии Душанбе", "Zarafshon Ore Company": "Ширкати маъдании Зарафшон",
          "Khujand Leather": "Чарми Хуҷанд", "Vakhsh Agro": "Вахш Агро", "Pamir Pharm": "Помир Фарм",
          "Sogd Medtech": "Суғд Медтех"}
# (company asking, company asked, priority, note); a request both ways is mutual.
REQUESTS = [
    ("Indus Loom Mills", "Dushanbe Textile Combine", Priority.MUST, "Cotton yarn supply for 2027"),
    ("Dushanbe Textile Combine", "Indus Loom Mills", Priority.MUST, "Joint venture in weaving"),
    ("Ravi Cotton Exports", "Dushanbe Textile Combine", Priority.SHOULD, ""),
    ("Chenab Denim Works", "Dushanbe Textile Combine", Priority.COULD, "Denim finishing"),
    ("Salt Range Minerals", "Zarafshon Ore Company", Priority.MUST, ""),
    ("Chagai Exploration Company", "Zarafshon Ore Company", Priority.SHOULD, "Exploration licences"),
    ("Karakoram Rare Metals", "Zarafshon Ore Company", Priority.MUST, "Rare metals: joint exploration"),
    ("Zarafshon Ore Company", "Chagai Exploration Company", Priority.SHOULD, ""),
    ("Kasur Tanneries", "Khujand Leather", Priority.SHOULD, ""),
    ("Sialkot Hide and Leather", "Khujand Leather", Priority.MUST, "Raw hides"),
    ("Punjab Agro Foods", "Vakhsh Agro", Priority.MUST, "Fruit concentrate"),
    ("Vakhsh Agro", "Punjab Agro Foods", Priority.SHOULD, ""),
    ("Mehran Rice and Spices", "Vakhsh Agro", Priority.SHOULD, ""),
    ("Swat Orchards Juices", "Vakhsh Agro", Priority.COULD, ""),
    ("Margalla Pharma", "Pamir Pharm", Priority.MUST, "Registration of generics"),
    ("Karachi Generics", "Pamir Pharm", Priority.SHOULD, ""),
    ("Pamir Pharm", "Potohar Biologics", Priority.SHOULD, "Vaccines"),
    ("Sialkot Surgical Instruments", "Sogd Medtech", Priority.MUST, ""),
    ("Precision Steel Surgicals", "Sogd Medtech", Priority.SHOULD, ""),
    ("Wazirabad Medical Tools", "Sogd Medtech", Priority.COULD, ""),
    # Across sectors: it could only go to the food processing session, where Vakhsh Agro is full.
    ("Kasur Tanneries", "Vakhsh Agro", Priority.COULD, "Leather goods for the farm shops"),
    ("Indus Builders", "Rogun Construction", Priority.SHOULD, "Housing for the hydropower workers"),
]


def build_b2b(store, visit_id: int) -> None:
    """Companies from the delegations, requests, a hall for each sector's B2B session, and a first-fit plan."""
    made, _ = b2b_store.companies_from_memberships(store, visit_id)
    for company in made:
        if company.name in NATIVE:
            b2b_store.update_company(store, replace(company, native_name=NATIVE[company.name]))
    # Two builders: construction has no B2B session in this visit, so their request is left out with that reason.
    sectors = {x.name: x.id for x in store.sectors(visit_id)}
    for name, side in (("Indus Builders", Side.GUEST), ("Rogun Construction", Side.HOST)):
        b2b_store.add_company(store, Company(visit_id, name, side=side, sector_ids=(sectors["Construction"],),
                                             city="Lahore" if side == Side.GUEST else "Dushanbe"))
    ids = {c.name: c.id for c in q.companies(store.db, visit_id)}
    b2b_store.add_requests(store, [MeetingRequest(visit_id, ids[a], ids[b], p, note) for a, b, p, note in REQUESTS])
    for session in q.sessions(store.db, visit_id):
        if session.sector_id is None:
            continue  # the Business Forum is a plenary, not a hall of tables
        pools = (Interpreters("English", "Russian", 1),) if "Food" in session.title else ()
        b2b_store.set_hall(store, Hall(session.id, ("1", "2", "3"), 20, (), 3, pools))
    # First-fit, not the solver: the demo is built in an instant; the window's Schedule improves on it.
    apply(store, visit_id, greedy(problem_of(store, visit_id)))
