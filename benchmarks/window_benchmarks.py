"""Window benchmarks on the demo visit and a very large one, as ratios against a bare PySide6 window run beside it.

Measures, each in a fresh subprocess, several times, and prints the medians:
- start-up: from launching the process to the first paint of the main window
  (the real app, ``python -m planner --db FILE``) against a bare QMainWindow
  holding an empty QTableView, for the demo visit and the large one, offscreen
  and (with a display) as a mapped X11 window;
- peak memory of everything the app runs (the window, and any process it
  starts), once the large visit is read and its conflicts found;
- the longest pause of the window's event loop while it reads the large visit;
- the people filter: from choosing a filter in the people view to the
  repainted table, against the bare table's proxy filter and repaint.

Every child runs in a process group of its own, ended with everything it
started before the next run begins, so nothing left over from one run slows
the next.

Usage: ``python benchmarks/window_benchmarks.py [--db FILE] [--repeat 5] [--display :N]``.
The database (50,000 people, 10,000 meetings) is built first when missing.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAME_MS = 16.0
PAUSE_AIM_MS = 50.0
# Recorded before the speed work (issue "Speed where officers wait"), offscreen: seconds and ratio to the bare window.
BEFORE_STARTUP = {"demo": "0.261 s (1.94)", "large": "0.289 s (2.15)"}
BEFORE_MEMORY = "210 MiB (3.16)"
BEFORE_PAUSE = "70–137 ms"


# -- measuring inside a child process --------------------------------------------------------


def peak_memory_bytes() -> int | None:
    """The process's peak resident memory, by whatever this platform offers."""
    try:
        import psutil  # optional: the most precise everywhere

        info = psutil.Process().memory_info()
        return getattr(info, "peak_wset", None) or getattr(info, "peak_rss", None) or info.rss
    except ImportError:
        pass
    if sys.platform.startswith("linux"):
        # The process's own high-water mark. Not ru_maxrss: Linux carries the peak of the process this one
        # was spawned from across exec, so a child of a large parent would report the parent's peak.
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                        ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                        ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                        ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                        ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]

        counters = Counters()
        counters.cb = ctypes.sizeof(Counters)
        process = ctypes.windll.kernel32.GetCurrentProcess()
        if ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
            return counters.PeakWorkingSetSize
        return None
    import resource  # POSIX only, hence imported here

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB on Linux


def children_peak_bytes() -> int | None:
    """The largest peak resident memory among the finished children this process waited for (POSIX)."""
    if sys.platform == "win32":
        return None
    import resource

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _watch_first_paint(app, report: dict) -> object:
    """Quit once the main window has painted, noting the wall-clock moment."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if "first_paint" not in report and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                # The whole window paints in this same pass; note the time once it is done.
                QTimer.singleShot(0, self.painted)
                report["first_paint"] = None
            return False

        def painted(self):
            report["first_paint"] = time.time()
            # CPU time of this process: steadier than the clock on a busy machine.
            report["first_paint_cpu"] = time.process_time()
            # The window's own thread only: the app reads the file for damage on a second thread meanwhile.
            report["first_paint_main_cpu"] = time.thread_time()
            # Work the window put off until after its first paint shows here as "settled".
            QTimer.singleShot(0, self.settled)

        def settled(self):
            report["settled"] = time.time()
            app.quit()

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    return watcher


def child_startup(mode: str, db: str) -> dict:
    from PySide6.QtWidgets import QApplication

    report: dict = {}
    app = QApplication(sys.argv[:1])
    watcher = _watch_first_paint(app, report)  # noqa: F841 (kept alive while the app runs)
    if mode == "bare":
        from PySide6.QtGui import QStandardItemModel
        from PySide6.QtWidgets import QMainWindow, QTableView

        window = QMainWindow()
        table = QTableView(window)
        table.setModel(QStandardItemModel(0, 7, table))
        window.setCentralWidget(table)
        window.resize(1200, 760)
        window.show()
        app.exec()
    else:
        sys.path.insert(0, str(ROOT))
        from planner.app import main

        main(["--db", db])
    report["peak_bytes"] = peak_memory_bytes()
    return report


def child_responsive(db: str) -> dict:
    """The longest the event loop stops while the window reads a large visit after its first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    ticks: list[float] = []
    cpu_ticks: list[float] = []
    state: dict = {}

    def tick():
        ticks.append(time.perf_counter())
        cpu_ticks.append(time.thread_time())  # the window thread's own CPU time: steadier on a busy machine
        window = state["window"]
        if "read" not in state and getattr(window.meetings_model, "reading_total", lambda: None)() is None:
            state["read"] = ticks[-1]
        if "conflicts" not in state and window.watch.known and not window.watch.pending:
            state["conflicts"] = ticks[-1]
        if ("read" in state and "conflicts" in state) or ticks[-1] - state["paint"] > 20:
            app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if "paint" not in state and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                state["paint"], state["window"] = time.perf_counter(), watched
                state["paint_cpu"] = time.thread_time()
                timer = state["timer"] = QTimer(app)
                timer.setInterval(5)
                timer.timeout.connect(tick)
                timer.start()
            return False

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    sys.path.insert(0, str(ROOT))
    from planner.app import main

    main(["--db", db])
    gaps = [b - a for a, b in zip([state["paint"], *ticks], ticks)]
    cpu_gaps = [b - a for a, b in zip([state["paint_cpu"], *cpu_ticks], cpu_ticks)]
    return {"longest_pause_ms": max(gaps) * 1000, "longest_pause_cpu_ms": max(cpu_gaps) * 1000, "meetings_ms": (state.get("read", 0) - state["paint"]) * 1000,
            "conflicts_ms": (state.get("conflicts", 0) - state["paint"]) * 1000,
            "peak_bytes": peak_memory_bytes(), "children_peak_bytes": children_peak_bytes() or 0}


def _timed(action, settle) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of an action and the repaint it causes."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    settle()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _medians(samples: list[tuple[float, float]]) -> list[float]:
    return [statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)]


def child_filter(mode: str, db: str) -> dict:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])

    def settle():
        app.processEvents()  # the repaint of the filtered table belongs to the filter's cost

    if mode == "bare":
        from PySide6.QtCore import QSortFilterProxyModel
        from PySide6.QtGui import QStandardItemModel
        from PySide6.QtWidgets import QTableView

        table = QTableView()
        proxy = QSortFilterProxyModel(table)
        proxy.setSourceModel(QStandardItemModel(0, 10, table))
        table.setModel(proxy)
        table.resize(1200, 760)
        table.show()
        settle()
        words = iter(["khan", "", "Textile", ""] * 100)

        def bare_filter():
            proxy.setFilterFixedString(next(words))
            table.viewport().repaint()  # an empty table has nothing to redo, so count one repaint of it

        return {"filter_ms": {"any": _medians([_timed(bare_filter, settle) for _ in range(7)])}}

    if mode == "stock":
        return _stock_filter(db, settle)

    sys.path.insert(0, str(ROOT))
    from planner.domain.model import Side
    from planner.storage.store import Store
    from planner.ui.people.view import PeopleView
    from planner.ui.shell.session import Session

    store = Store(db)
    visit_id = store.visits()[0].id
    view = PeopleView(Session(store, visit_id))
    view.resize(1400, 850)
    started = time.perf_counter()
    view.show()
    while view.reading.stale:
        settle()
    settle()
    shown_ms = (time.perf_counter() - started) * 1000
    # Filters are timed once the view is idle: it works out the searchable text in slices after showing.
    while getattr(view.model, "_text_timer", None) is not None and view.model._text_timer.isActive():
        settle()
    sector = store.sectors(visit_id)[2].id
    delegation = next(d.id for d in store.delegations(visit_id) if d.kind == "business")
    company = view.company.itemData(5)

    def choose(combo, value):
        def act():
            combo.setCurrentIndex(combo.findData(value))
        return act

    def search(text):
        def act():
            view.search.setText(text)
            view.apply_filter()
        return act

    cases = {
        "sector": choose(view.sector, sector), "side": choose(view.side, Side.HOST),
        "delegation": choose(view.delegation, delegation), "company": choose(view.company, company),
        "text (Latin)": search("khan 12"), "text (Cyrillic)": search("давлатов"),
    }
    results = {}
    for name, act in cases.items():
        # Alternate with the unfiltered directory so every run really changes the filter.
        samples = []
        for _ in range(7):
            samples.append(_timed(act, settle))
            for combo in (view.side, view.delegation, view.sector, view.company):
                combo.setCurrentIndex(0)
            view.search.setText("")
            view.apply_filter()
            settle()
        results[name] = _medians(samples)
    return {"filter_ms": results, "first_show_ms": shown_ms, "rows": view.model.total()}


def _stock_filter(db: str, settle) -> dict:
    """For reference: the textbook Qt way, every person in a QStandardItemModel behind a QSortFilterProxyModel."""
    import sqlite3

    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT precedence, name, native_name, designation, organisation, country, side "
                              "FROM people ORDER BY precedence, name").fetchall()
    started = time.perf_counter()
    source = QStandardItemModel(len(rows), 7)
    # setData, not appendRow: PySide6 on Python 3.11 loses a reference to None on each of
    # hundreds of thousands of appendRow calls and aborts.
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            source.setData(source.index(r, c), str(value or ""))
    load_ms = (time.perf_counter() - started) * 1000
    table = QTableView()
    proxy = QSortFilterProxyModel(table)
    proxy.setSourceModel(source)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    table.setModel(proxy)
    table.resize(1200, 760)
    table.show()
    settle()

    def case(column: int, text: str):
        def act():
            proxy.setFilterKeyColumn(column)
            proxy.setFilterFixedString(text)
        return act

    results = {}
    for name, act in (("side", case(6, "host")), ("text (Latin)", case(-1, "khan 12")),
                      ("text (Cyrillic)", case(-1, "давлатов"))):
        samples = []
        for _ in range(5):
            samples.append(_timed(act, settle))
            proxy.setFilterFixedString("")
            settle()
        results[name] = _medians(samples)
    return {"filter_ms": results, "load_ms": load_ms}


# -- the parent: run children, take medians, print the table -----------------------------------


def _child(kind: str, mode: str, db: Path, env: dict) -> tuple[dict, float]:
    """Run one measuring child; then end whatever it left running before the next run."""
    group = {"start_new_session": True} if sys.platform != "win32" else {}
    launched = time.time()
    child = subprocess.Popen([sys.executable, __file__, "--child", kind, mode, "--db", str(db)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **group)
    try:
        out, err = child.communicate(timeout=600)
    finally:
        if group:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if child.returncode != 0 or not lines:
        raise SystemExit(f"{kind} {mode} failed ({child.returncode}):\n{err[-2000:]}")
    return json.loads(lines[-1]), launched


def _environments(args, settings: str) -> dict[str, dict]:
    """The children's environments: offscreen always, and a mapped X11 window when there is a display."""
    env = dict(os.environ)
    # Keep the user's window settings and recent files out of the runs.
    env["XDG_CONFIG_HOME"] = settings
    # Compiled bytecode, as an installed copy has it: with PYTHONDONTWRITEBYTECODE set (as on some
    # build machines) every run would compile the project's modules again while PySide6 comes
    # precompiled, which is not what a user's start-up costs. One untimed run of each fills the cache.
    if not args.compile_each_run:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(settings) / "bytecode")
    environments = {"offscreen": {**env, "QT_QPA_PLATFORM": "offscreen"}}
    display = args.display if args.display is not None else os.environ.get("DISPLAY")
    if display and sys.platform.startswith("linux"):
        mapped = {k: v for k, v in env.items() if k != "QT_QPA_PLATFORM"}
        environments["X11"] = {**mapped, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    return environments


def _demo_database(path: Path) -> Path:
    if not path.exists():
        sys.path.insert(0, str(ROOT))
        from planner.demo import build_demo
        from planner.storage.store import Store

        build_demo(Store(path))
    return path


def main(argv: list[str] | None = None) -> int:
    from common import Row, print_table

    parser = argparse.ArgumentParser(description="Window benchmarks on the demo visit and a large visit.")
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "visit-planner-large.sqlite")
    parser.add_argument("--demo-db", type=Path, default=Path(tempfile.gettempdir()) / "visit-planner-demo.sqlite")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--display", default=None,
                        help="X display for the mapped-window runs (default: $DISPLAY; '' for offscreen only)")
    parser.add_argument("--rebuild", action="store_true", help="build the large visit again")
    parser.add_argument("--skip-filters", action="store_true", help="leave out the people filters")
    parser.add_argument("--only", choices=("all", "memory", "startup"), default="all",
                        help="memory: only the peak memory and the pauses while the large visit is read; "
                             "startup: only the launch-to-first-paint rows")
    parser.add_argument("--compile-each-run", action="store_true",
                        help="no bytecode cache: every start-up compiles the project's modules")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, mode = args.child
        if kind == "responsive":
            result = child_responsive(str(args.db))
        else:
            result = child_startup(mode, str(args.db)) if kind == "startup" else child_filter(mode, str(args.db))
        print(json.dumps(result), flush=True)
        # Skip interpreter teardown: Qt objects dying in random order can crash it, and it is not measured.
        os._exit(0)

    if args.rebuild or not args.db.exists():
        from large_visit import build

        started = time.perf_counter()
        counts = build(args.db)
        print(f"Built {args.db} in {time.perf_counter() - started:.1f} s: {counts}")
    visits = {"demo": _demo_database(args.demo_db), "large": args.db}
    settings = tempfile.mkdtemp(prefix="visit-planner-bench-")
    environments = _environments(args, settings)
    first = environments["offscreen"]
    for mode in ("bare", "app"):
        _child("startup", mode, args.db, first)  # fills the bytecode cache; not timed

    rows, memory_bare, main_thread = [], [], []
    if args.only == "memory":  # the bare window's peak alone, for the memory row's baseline
        environments = {}
        memory_bare = [_child("startup", "bare", args.db, first)[0]["peak_bytes"] / 2**20 for _ in range(args.repeat)]
    for platform, env in environments.items():
        for visit, db in visits.items():
            wall, cpu, main_cpu = {"bare": [], "app": []}, {"bare": [], "app": []}, {"bare": [], "app": []}
            for _ in range(args.repeat):
                for mode in ("bare", "app"):  # interleaved, so a busy moment hits both alike
                    report, launched = _child("startup", mode, db, env)
                    wall[mode].append(report["first_paint"] - launched)
                    cpu[mode].append(report["first_paint_cpu"])
                    main_cpu[mode].append(report["first_paint_main_cpu"])
                    if mode == "bare" and platform == "offscreen" and report.get("peak_bytes"):
                        memory_bare.append(report["peak_bytes"] / 2**20)
            name = "demo visit" if visit == "demo" else "50,000 people / 10,000 meetings"
            before = BEFORE_STARTUP[visit] if platform == "offscreen" else "–"
            rows.append(Row(f"launch to first paint, {name}, {platform}", statistics.median(wall["app"]),
                            statistics.median(wall["bare"]), statistics.median(cpu["app"]),
                            statistics.median(cpu["bare"]), before=before, aim=1.5))
            main_thread.append((f"{name}, {platform}", statistics.median(main_cpu["app"]),
                                statistics.median(main_cpu["bare"])))
    if args.only == "startup":
        print_table(f"Start-up ({args.repeat} start-ups each, medians; baseline: an empty QTableView in a "
                    "QMainWindow, same run; CPU time of the process in brackets)", "bare window", rows)
        _print_main_thread(main_thread)
        return 0

    responsive = [_child("responsive", "app", args.db, first)[0] for _ in range(max(args.repeat // 2, 1))]

    def med(values):
        return statistics.median(values) if values else float("nan")

    window = med([r["peak_bytes"] / 2**20 for r in responsive])
    # The conflicts are found in the window's own process; should the app start another, it counts too.
    children = med([r["children_peak_bytes"] / 2**20 for r in responsive])
    rows.append(Row("peak memory, 50k visit read and conflicts found: the window and any process it starts",
                    window + children, med(memory_bare), before=BEFORE_MEMORY, aim=2.0, unit="MiB"))
    print_table(f"Start-up and memory ({args.repeat} start-ups each, medians; baseline: an empty QTableView in a "
                "QMainWindow, same run; CPU time of the process in brackets)", "bare window", rows)
    _print_main_thread(main_thread)
    print(f"\n  of which the window {window:.0f} MiB and processes it started {children:.0f} MiB.")
    print("\nAfter the first paint, while the window reads the large visit (medians; the window must keep answering):\n")
    print("| measure | before | now | aim |\n|---|---|---|---|")
    pause = med([r["longest_pause_ms"] for r in responsive])
    print(f"| all meetings in the table | – | {med([r['meetings_ms'] for r in responsive]):.0f} ms | |")
    print(f"| conflicts found | – | {med([r['conflicts_ms'] for r in responsive]):.0f} ms | |")
    pause_cpu = med([r["longest_pause_cpu_ms"] for r in responsive])
    print(f"| longest pause of the window (its thread's CPU time) | {BEFORE_PAUSE} | {pause:.0f} ms ({pause_cpu:.0f} ms; "
          f"longest of all runs {max(r['longest_pause_ms'] for r in responsive):.0f} ms) | ≤ {PAUSE_AIM_MS:.0f} ms: "
          f"{'reached' if pause_cpu <= PAUSE_AIM_MS else 'not yet'} |")
    if not args.skip_filters and args.only == "all":
        _filters(args, first)
    return 0


def _print_main_thread(rows: list[tuple[str, float, float]]) -> None:
    """The CPU time of the window's own thread up to the first paint: the path the user waits for when the
    file's damage check, on a thread of its own, has a second core (the process's CPU above counts both)."""
    if not rows:
        return
    print("\nCPU time of the window's thread alone at the first paint (the damage check runs beside it):\n")
    print("| launch to first paint | Visit Planner | bare window | ratio |\n|---|---|---|---|")
    for name, ours, bare in rows:
        print(f"| {name} | {ours * 1000:.0f} ms | {bare * 1000:.0f} ms | {ours / bare if bare else float('nan'):.2f} |")


def _filters(args, env: dict) -> None:
    filters = {"bare": [], "app": [], "stock": []}
    shown, stock_load = [], []
    for _ in range(max(args.repeat // 2, 1)):
        for mode in ("bare", "app", "stock"):
            report, _launched = _child("filter", mode, args.db, env)
            filters[mode].append(report["filter_ms"])
            if mode == "app":
                shown.append(report["first_show_ms"])
            if mode == "stock":
                stock_load.append(report["load_ms"])

    def med(values):
        return statistics.median(values) if values else float("nan")

    rows = []
    bare_filter = [med([f["any"][n] for f in filters["bare"]]) for n in (0, 1)]
    for name in filters["app"][0]:
        rows.append((f"people filter: {name} (ms)", bare_filter[0], med([f[name][0] for f in filters["app"]]),
                     f"< {FRAME_MS:.0f} ms"))
        rows.append(("  CPU (ms)", bare_filter[1], med([f[name][1] for f in filters["app"]]),
                     f"< {FRAME_MS:.0f} ms"))
    rows.append(("people tab first shown (ms)", float("nan"), med(shown), ""))
    stock_rows = [("loading all people (ms)", med(stock_load), med(shown))]
    for name in filters["stock"][0]:
        stock_rows.append((f"people filter: {name} (ms)", med([f[name][0] for f in filters["stock"]]),
                           med([f[name][0] for f in filters["app"]])))
    print("\nPeople filters on 50,000 people (before: 5–15 ms, within one frame; a bare filter is its proxy filter "
          "plus one repaint)\n")
    print(f"{'measure':36} {'bare':>10} {'Visit Planner':>14} {'ratio':>8}  aim")
    for name, bare, ours, aim in rows:
        ratio = ours / bare if bare and bare == bare else float("nan")
        print(f"{name:36} {bare:10.1f} {ours:14.1f} {ratio:8.2f}  {aim}")
    print("\nFor reference, the same people in a QStandardItemModel behind a QSortFilterProxyModel:\n")
    print(f"{'measure':36} {'stock Qt':>10} {'Visit Planner':>14} {'ratio':>8}")
    for name, stock, ours in stock_rows:
        print(f"{name:36} {stock:10.1f} {ours:14.1f} {ours / stock if stock else float('nan'):8.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
