"""Find shipped resources the same way from a source checkout, a wheel and a frozen build."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates += [
        here / "_resources",          # installed wheel (force-included at build time)
        here.parent / "resources",    # source checkout or editable install
    ]
    for candidate in candidates:
        if (candidate / "profiles").is_dir():
            return candidate
    raise FileNotFoundError(
        "IEP Desktop cannot find its resources folder (board profiles, fonts); "
        "reinstall the application."
    )


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
