"""PySide6 6.12 on Python 3.11 loses a reference to None or True per call; the guard outlasts it."""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from planner.ui.none_guard import keep_none_alive


def test_none_survives_many_calls_that_return_nothing(qtbot):
    keep_none_alive()
    widget = QWidget()
    qtbot.addWidget(widget)
    for _ in range(20_000):  # without the guard on 3.11 this aborts the interpreter
        widget.update()
    assert sys.getrefcount(None) > 1_000_000


class _Emitter(QObject):
    ready = Signal(int)


def test_true_survives_many_signal_emissions():
    keep_none_alive()
    emitter = _Emitter()
    emitter.ready.connect(lambda _n: None)
    for n in range(20_000):  # emit() hands back True without a reference of its own
        emitter.ready.emit(n)
    assert sys.getrefcount(True) > 1_000_000 and sys.getrefcount(False) > 1_000_000


def test_the_guard_is_applied_once():
    keep_none_alive()
    before = sys.getrefcount(None)
    assert keep_none_alive() is False
    assert abs(sys.getrefcount(None) - before) < 1000
