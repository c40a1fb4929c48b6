"""The Qt front end: widgets over the iep_desktop core."""

from ui import qt_fixes as _qt_fixes  # noqa: F401 - PySide6 6.12 reference-count work-arounds, first
