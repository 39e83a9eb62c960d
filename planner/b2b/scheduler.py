"""The scheduler: requests placed into (session, slot, table) by OR-Tools' CP-SAT solver, or by greedy first-fit.

Hard rules: a company, and each of its representatives, in at most one place at a time and never during their
other meetings (travel time included, see problem.candidates); no more talks in a slot than the hall has tables;
at most N talks per company per session; only requested or accepted pairs; locked talks stay; when the sides share
no language an interpreter for that pair is free in that slot. Aims, in order: the talks' worth (priority x
mutuality), then fewer idle gaps for each company; on a re-run, fewer moved talks come before fewer gaps, so that
a plan people already hold changes no more than it must.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from planner.b2b.first_fit import first_fit
from planner.b2b.frame import Frame, Place
from planner.b2b.model import PRIORITY_ORDER, Priority, Talk
from planner.b2b.problem import Problem


@dataclass
class Outcome:
    """A plan and what to say about it."""

    talks: list[Talk]
    left_out: dict[int, str]  # request id of a pair -> why it was left out
    counts: dict[Priority, tuple[int, int]]  # requests placed / asked, by priority
    value: int = 0  # the plan's worth
    bound: float = 0.0  # the best worth any plan could have, as far as the solver proved
    proven: bool = False
    seconds: float = 0.0
    gaps: int = 0
    moved: int = 0
    cancelled: bool = False
    method: str = "CP-SAT"

    @property
    def placed(self) -> int:
        return sum(n for n, _ in self.counts.values())

    @property
    def asked(self) -> int:
        return sum(m for _, m in self.counts.values())

    @property
    def share_of_bound(self) -> float:
        return 1.0 if self.bound <= 0 else min(1.0, self.value / self.bound)

    def summary(self) -> str:
        parts = ", ".join(f"{p} {self.counts[p][0]}/{self.counts[p][1]}" for p in PRIORITY_ORDER)
        if self.proven:
            quality = "proven best"
        else:
            quality = f"within {100 * (1 - self.share_of_bound):.1f}% of the best bound"
        text = f"placed {self.placed} of {self.asked} requests ({parts}); {quality}"
        return text + " (stopped early)" if self.cancelled else text


def solve(problem: Problem, *, time_limit: float = 30.0, workers: int = 8,
          progress: Callable[[str], None] | None = None, stop: threading.Event | None = None) -> Outcome:
    """The best plan CP-SAT finds within ``time_limit`` seconds; ``stop`` set from another thread ends it early."""
    from ortools.sat.python import cp_model

    began = time.monotonic()
    frame = Frame.build(problem)
    model = cp_model.CpModel()
    x: dict[tuple[int, Place], object] = {}
    for key, places in frame.places.items():
        for place in places:
            x[(key, place)] = model.new_bool_var(f"x{key}_{place[0]}_{place[1]}")
    _hard_rules(frame, model, x)
    worth = sum(frame.pairs[key].weight * var for (key, _), var in x.items())
    moved = _moved(frame, x)
    # On a re-run a moved talk costs less than any talk's worth (scale), so worth still comes first.
    scale = len(moved) + 1
    model.maximize(scale * worth - sum(moved) if moved else worth)
    selected, relaxed_bound = _selection(frame, workers, time_limit * 0.15)
    hinted = _hint(frame, model, x, selected)

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, workers)
    if progress:
        progress(f"First fit: worth {sum(frame.pairs[k].weight for k in hinted)} (bound {relaxed_bound:.0f})")
    solver.parameters.max_time_in_seconds = max(0.5, time_limit * 0.7 - (time.monotonic() - began))
    watcher = _Watcher(solver, stop)
    status = solver.solve(model, _Progress(progress, "Placing talks", stop))
    watcher.done()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _outcome(frame, {}, 0, 0.0, False, time.monotonic() - began, cancelled=bool(stop and stop.is_set()))
    chosen = {key: place for (key, place), var in x.items() if solver.boolean_value(var)}
    value = sum(frame.pairs[key].weight for key in chosen)
    bound = min((solver.best_objective_bound + len(moved)) / scale, relaxed_bound)
    proven = status == cp_model.OPTIMAL
    if moved:
        model.add(sum(moved) <= sum(solver.value(m) if not isinstance(m, int) else m for m in moved))

    # The second and third aims rarely prove their best; a quarter of the time is enough for them.
    # A tenth of the limit is kept back for building models and writing the plan on a busy machine.
    left = min(time_limit * 0.9 - (time.monotonic() - began), max(1.0, time_limit / 4))
    if left > 0.3 and not (stop and stop.is_set()) and chosen:
        better = _polish(frame, model, x, worth, value, chosen, solver, left, progress, stop)
        chosen = better or chosen
    return _outcome(frame, chosen, value, bound, proven, time.monotonic() - began,
                    cancelled=bool(stop and stop.is_set()))


def _hard_rules(frame: Frame, model, x) -> None:
    problem = frame.problem
    by_company: dict[tuple[int, Place], list] = defaultdict(list)
    by_slot: dict[Place, list] = defaultdict(list)
    by_pool: dict[tuple[int, int, int], list] = defaultdict(list)
    per_session: dict[tuple[int, int], list] = defaultdict(list)
    for key, places in frame.places.items():
        pair = frame.pairs[key]
        model.add_at_most_one(x[(key, p)] for p in places)
        if key in frame.fixed:
            model.add(x[(key, places[0])] == 1)
        for place in places:
            var = x[(key, place)]
            by_slot[place].append(var)
            for company in pair.companies:
                by_company[(company, place)].append(var)
                per_session[(company, place[0])].append(var)
            pool = frame.found.interpreter.get((key, place[0]))
            if pool is not None:
                by_pool[(place[0], pool, place[1])].append(var)
    for place, group in by_slot.items():
        model.add(sum(group) <= len(problem.sessions[place[0]].tables))
    cliques = frame.overlapping()
    companies = {c for c, _ in by_company}
    for company in companies:
        _one_at_a_time(model, cliques, by_company, [company])
    for companies_of_person in frame.shared_people().values():
        _one_at_a_time(model, cliques, by_company, companies_of_person)
    for (_company, s), group in per_session.items():
        limit = problem.sessions[s].max_per_company
        if limit is not None and len(group) > limit:
            model.add(sum(group) <= limit)
    for (s, pool, _t), group in by_pool.items():
        count = problem.sessions[s].interpreters[pool].count
        if len(group) > count:
            model.add(sum(group) <= count)


def _moved(frame: Frame, x) -> list:
    """For each talk of the last plan: 1 when this plan does not keep it in its slot."""
    moved = []
    for key, talk in frame.previous.items():
        place = (frame.index[talk.meeting_id], talk.slot)
        if key in frame.pairs:
            moved.append(1 - x[(key, place)] if (key, place) in x else 1)
    return moved


def _one_at_a_time(model, cliques, by_company, companies: list[int]) -> None:
    """These companies (one, or all that share a representative) hold at most one talk at any moment."""
    seen = set()
    for clique in cliques.values():
        group = {id(v): v for c in companies for p in clique for v in by_company.get((c, p), [])}
        if len(group) > 1:
            signature = frozenset(group)
            if signature not in seen:
                seen.add(signature)
                model.add_at_most_one(group.values())


def _hint(frame: Frame, model, x, selected: set[int]) -> None:
    """Start from the last plan when there is one (few moves), else from first-fit of the selection: the pairs
    the relaxation chose, hardest to place first, then the rest."""
    if frame.previous:
        start = {key: (frame.index[t.meeting_id], t.slot) for key, t in {**frame.previous, **frame.fixed}.items()}
    else:
        load: dict[int, int] = defaultdict(int)
        for key in selected:
            for company in frame.pairs[key].companies:
                load[company] += 1

        def hardest(k):
            return (k not in frame.fixed, k not in selected, -max(load[c] for c in frame.pairs[k].companies),
                    len(frame.places[k]), -frame.pairs[k].weight, k)
        start = first_fit(frame, sorted(frame.places, key=hardest))
    for (key, place), var in x.items():
        model.add_hint(var, int(start.get(key) == place))
    return start


def _selection(frame: Frame, workers: int, time_limit: float) -> tuple[set[int], float]:
    """A relaxation that forgets which slot: each company takes at most as many talks as it has free moments and
    each session as many as it has seats; its best worth bounds every plan's. Returns (pairs chosen, bound)."""
    from ortools.sat.python import cp_model

    problem = frame.problem
    model = cp_model.CpModel()
    z: dict[tuple[int, int], object] = {}
    for key, places in frame.places.items():
        sessions = sorted({s for s, _ in places})
        for s in sessions:
            z[(key, s)] = model.new_bool_var("")
        if len(sessions) > 1:
            model.add_at_most_one(z[(key, s)] for s in sessions)
        if key in frame.fixed:
            model.add(sum(z[(key, s)] for s in sessions) == 1)
    per_session: dict[int, list] = defaultdict(list)
    per_company: dict[int, list] = defaultdict(list)
    per_company_session: dict[tuple[int, int], list] = defaultdict(list)
    moments: dict[int, set] = defaultdict(set)
    for key, places in frame.places.items():
        for company in frame.pairs[key].companies:
            moments[company].update(problem.sessions[s].slots[t][0] for s, t in places)
    for (key, s), var in z.items():
        per_session[s].append(var)
        for company in frame.pairs[key].companies:
            per_company[company].append(var)
            per_company_session[(company, s)].append(var)
    for s, group in per_session.items():
        model.add(sum(group) <= len(problem.sessions[s].tables) * len(problem.sessions[s].slots))
    for company, group in per_company.items():
        model.add(sum(group) <= len(moments[company]))
    free_slots: dict[tuple[int, int], set[int]] = defaultdict(set)
    for key, places in frame.places.items():
        for company in frame.pairs[key].companies:
            for s, t in places:
                free_slots[(company, s)].add(t)
    for (company, s), group in per_company_session.items():
        slots = free_slots[(company, s)]
        limit = min(len(slots), problem.sessions[s].max_per_company or len(slots))
        if len(group) > limit:
            model.add(sum(group) <= limit)
    model.maximize(sum(frame.pairs[key].weight * var for (key, _), var in z.items()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.max_time_in_seconds = max(0.5, time_limit)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return set(), float("inf")
    chosen = {key for (key, _), var in z.items() if solver.boolean_value(var)}
    return chosen, solver.best_objective_bound


def _polish(frame, model, x, worth, value, chosen, solver, left, progress, stop):
    """Keep the worth; then fewer idle gaps (on a re-run: fewer moved talks, then fewer gaps)."""
    model.clear_hints()
    for (key, place), var in x.items():
        model.add_hint(var, int(chosen.get(key) == place))
    model.add(worth >= value)
    starts = []
    by_company: dict[tuple[int, int], dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for (key, (s, t)), var in x.items():
        for company in frame.pairs[key].companies:
            by_company[(company, s)][t].append(var)
    for (_company, s), slots in by_company.items():
        if sum(len(v) for v in slots.values()) < 2:
            continue
        before, mine, busy = 0, [], []
        for t in range(len(frame.problem.sessions[s].slots)):
            here = sum(slots[t]) if slots.get(t) else 0
            start = model.new_bool_var("")
            model.add(start >= here - before)
            mine.append(start)
            busy.append(here)
            before = here
        for here in busy:  # a company with any talk starts at least one run of them: a bound for the solver
            if not isinstance(here, int):
                model.add(sum(mine) >= here)
        starts += mine
    model.minimize(sum(starts))
    solver.parameters.max_time_in_seconds = max(0.3, left)
    watcher = _Watcher(solver, stop)
    from ortools.sat.python import cp_model

    status = solver.solve(model, _Progress(progress, "Closing gaps", stop))
    watcher.done()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {key: place for (key, place), var in x.items() if solver.boolean_value(var)}


class _Watcher:
    """Stops the solver soon after ``stop`` is set, even between solutions."""

    def __init__(self, solver, stop: threading.Event | None):
        self.finished = threading.Event()
        if stop is None:
            return
        def watch():
            while not self.finished.wait(0.1):
                if stop.is_set():
                    solver.stop_search()
                    return
        threading.Thread(target=watch, daemon=True).start()

    def done(self) -> None:
        self.finished.set()


def _Progress(report, stage: str, stop):
    from ortools.sat.python import cp_model

    class Progress(cp_model.CpSolverSolutionCallback):
        def __init__(self):
            super().__init__()
            self.count = 0

        def on_solution_callback(self):
            self.count += 1
            if report:
                report(f"{stage}: plan {self.count}, worth {self.objective_value:.0f} "
                       f"(bound {self.best_objective_bound:.0f})")
            if stop is not None and stop.is_set():
                self.stop_search()

    return Progress()


def greedy(problem: Problem) -> Outcome:
    """First-fit, for comparison: must, should, could in the order asked, each in the earliest slot that fits."""
    began = time.monotonic()
    frame = Frame.build(problem)
    chosen = first_fit(frame)
    value = sum(frame.pairs[k].weight for k in chosen)
    outcome = _outcome(frame, chosen, value, 0.0, False, time.monotonic() - began)
    outcome.method = "greedy first-fit"
    return outcome



def _outcome(frame: Frame, chosen: dict[int, Place], value: int, bound: float, proven: bool, seconds: float,
             cancelled: bool = False) -> Outcome:
    from planner.b2b.explain import count_gaps, left_out_reasons

    talks = _tables(frame, chosen)
    counts = {p: [0, 0] for p in PRIORITY_ORDER}
    priorities = {r.id: Priority(r.priority) for r in frame.problem.requests}
    for key, pair in frame.pairs.items():
        for request_id in pair.request_ids:
            counts[priorities[request_id]][1] += 1
            counts[priorities[request_id]][0] += key in chosen
    moved = sum(1 for key, talk in frame.previous.items()
                if key not in chosen or chosen[key] != (frame.index[talk.meeting_id], talk.slot))
    return Outcome(talks, left_out_reasons(frame, chosen), {p: tuple(v) for p, v in counts.items()}, value,
                   max(bound, value), proven, seconds, count_gaps(frame, chosen), moved, cancelled)


def _tables(frame: Frame, chosen: dict[int, Place]) -> list[Talk]:
    """Tables for the chosen places: locked talks keep theirs, earlier talks keep theirs when free, then in order."""
    sessions = frame.problem.sessions
    taken: dict[Place, set[int]] = defaultdict(set)
    table_of: dict[int, int] = {}
    for source in (frame.fixed, frame.previous):
        for key, talk in source.items():
            place = chosen.get(key)
            if place == (frame.index[talk.meeting_id], talk.slot) and talk.table not in taken[place] \
                    and talk.table < len(sessions[place[0]].tables):
                table_of[key] = talk.table
                taken[place].add(talk.table)
    talks = []
    for key in sorted(chosen, key=lambda k: (chosen[k], -frame.pairs[k].weight, k)):
        s, t = chosen[key]
        if key not in table_of:
            table_of[key] = min(set(range(len(sessions[s].tables))) - taken[(s, t)])
            taken[(s, t)].add(table_of[key])
        pool = frame.found.interpreter.get((key, s))
        interpreter = sessions[s].interpreters[pool].label if pool is not None else ""
        talks.append(Talk(sessions[s].meeting_id, key, t, table_of[key], key in frame.fixed, interpreter))
    return talks
