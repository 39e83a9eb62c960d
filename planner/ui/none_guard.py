"""Keep Python's None alive under PySide6 6.12 on Python 3.11 (a reference is lost per C++ call returning nothing).

PySide6/shiboken 6.12 returns None from C++ methods that return nothing
(QPainter.drawText, QWidget.update, QApplication.processEvents, ...) without
taking a reference to it. From Python 3.12 None is immortal (PEP 683) and this
does no harm; on 3.11 every such call lowers None's reference count by one,
and a window that paints in Python aborts with "none_dealloc: deallocating
None" after a few hundred repaints. Until a fixed PySide6 is out, None is
given a reference count no session can use up.
"""

from __future__ import annotations

import sys

# Far more calls than any session makes, and far from the largest Py_ssize_t.
_RESERVE = 1 << 60


def keep_none_alive() -> bool:
    """Raise None's reference count once per process; True when that was needed and done."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import ctypes

    # In CPython 3.11 an object's reference count is the first field at its address.
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value >= _RESERVE // 2:
        return False
    count.value += _RESERVE
    return True
