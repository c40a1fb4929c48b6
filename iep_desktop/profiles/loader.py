"""Load and validate board profiles. A broken file is rejected with the file, field and problem."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from iep_desktop.errors import ProfileError
from iep_desktop.profiles.schema import OFFICE_SOURCE, BoardProfile, setting_paths
from iep_desktop.resources import resource_path

DEFAULT_PROFILE = "default"


def profiles_dir() -> Path:
    return resource_path("profiles")


def _printable(text: str, limit: int = 80) -> str:
    """Text from the file, safe in a one-line message: control characters escaped, kept short."""
    shown = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def load_profile_file(path: Path) -> BoardProfile:
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"Board profile {name}: cannot be read ({exc.strerror}).") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProfileError(f"Board profile {name}: is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise ProfileError(
            f"Board profile {name}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    if not isinstance(data, dict):
        raise ProfileError(f"Board profile {name}: must be a JSON object.")
    try:
        profile = BoardProfile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = _printable(".".join(str(p) for p in first["loc"])) or "(whole profile)"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        problem = _printable(first["msg"].removeprefix("Value error, "), 200)
        raise ProfileError(f"Board profile {name}: field '{field}': {problem}{more}.") from None
    if path.stem != profile.id:
        raise ProfileError(f"Board profile {name}: field 'id': '{_printable(profile.id)}' must match the file name.")
    return profile


class ProfileCatalogue:
    """The board profiles one open store works with: the shipped ones, with the office's published
    versions (they arrive in return bundles and are kept in the store) in front of them.

    Each open store owns its catalogue, so what one office published never leaks into another
    store opened in the same process; ``SHIPPED`` is the catalogue of a store with none.
    """

    def __init__(self, published: Mapping[str, BoardProfile] | None = None) -> None:
        # Each setting an office left as shipped keeps its shipped source; what it changed is
        # the office's (issue 16: "the board's" only for a value with a source).
        self._published = {key: with_office_sources(profile, _shipped_or_none(profile.id))
                           for key, profile in (published or {}).items()}

    def get(self, profile_id: str) -> BoardProfile:
        published = self._published.get(profile_id)
        return published if published is not None else _shipped_profile(profile_id)

    def available(self) -> list[str]:
        return sorted({p.stem for p in profiles_dir().glob("*.json")} | set(self._published))

    @property
    def published(self) -> dict[str, BoardProfile]:
        return dict(self._published)


def _shipped_or_none(profile_id: str) -> BoardProfile | None:
    try:
        return _shipped_profile(profile_id)
    except ProfileError:
        return None  # a board this app does not ship: everything in it is the office's


def with_office_sources(published: BoardProfile, shipped: BoardProfile | None) -> BoardProfile:
    """The sources of a profile the office published.

    A setting the office left as shipped keeps the shipped source (the board's document, or
    "default of this app"). A setting the office changed is the office's, unless the office
    gave it a source of its own; so is any setting of a board this app does not ship.
    """
    sources: dict[str, str] = {}
    for path in setting_paths(published):
        own = published.sources.get(path)
        if shipped is not None and published.value_at(path) == shipped.value_at(path):
            sources[path] = shipped.source_of(path)
        elif own is not None and (shipped is None or own != shipped.source_of(path)):
            sources[path] = own
        else:
            sources[path] = OFFICE_SOURCE
    return published.model_copy(update={"sources": sources})


SHIPPED = ProfileCatalogue()


def load_profile(profile_id: str) -> BoardProfile:
    """A profile as shipped with the app (no store open: the CLI's hub side, demo data, tests)."""
    return SHIPPED.get(profile_id)


@cache
def _shipped_profile(profile_id: str) -> BoardProfile:
    path = profiles_dir() / f"{profile_id}.json"
    if not path.is_file():
        known = ", ".join(available_profiles()) or "none"
        raise ProfileError(f"Board profile '{profile_id}' is not installed (installed: {known}).")
    return load_profile_file(path)


def available_profiles() -> list[str]:
    return SHIPPED.available()


def profile_from_dict(data: object, origin: str) -> BoardProfile:
    """Validate a profile that did not come from a file (an office update in a return bundle)."""
    try:
        return BoardProfile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(whole profile)"
        problem = first["msg"].removeprefix("Value error, ")
        raise ProfileError(f"Board profile from {origin}: field '{field}': {problem}.") from None


def profile_version(profile: Mapping[str, object]) -> str:
    """12 hex digits naming one published profile's content, the same at the office and on the
    laptop (a digest of its canonical JSON)."""
    import hashlib

    from iep_desktop.store.canonical import canonical_json

    return hashlib.sha256(canonical_json(dict(profile)).encode()).hexdigest()[:12]
