"""Keep None, True and False alive under PySide6 6.12 on Python 3.11 (each call can lose a reference to them).

PySide6/shiboken 6.12 hands back None from C++ methods that return nothing
(QPainter.drawText, QWidget.update, QApplication.processEvents, ...) and True
from Signal.emit without taking a reference. From Python 3.12 these objects
are immortal (PEP 683) and this does no harm; on 3.11 every such call lowers
the reference count by one, and a window that paints in Python aborts with
"none_dealloc: deallocating None" (or "bool_dealloc") after a few hundred
repaints. Until a fixed PySide6 is out, these constants are given reference
counts no session can use up.
"""

from __future__ import annotations

import sys

# Far more calls than any session makes, and far from the largest Py_ssize_t.
_RESERVE = 1 << 60


def keep_none_alive() -> bool:
    """Raise the reference counts of None, True and False once per process; True when that was done."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import ctypes

    raised = False
    for constant in (None, True, False):
        # In CPython 3.11 an object's reference count is the first field at its address.
        count = ctypes.c_ssize_t.from_address(id(constant))
        if count.value < _RESERVE // 2:
            count.value += _RESERVE
            raised = True
    return raised
