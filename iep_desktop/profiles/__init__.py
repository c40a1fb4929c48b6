"""Board profiles: the data that makes one board's rules differ from another's."""

from iep_desktop.profiles.loader import (
    SHIPPED, ProfileCatalogue, available_profiles, load_profile, load_profile_file, profile_from_dict,
    profile_version,
)
from iep_desktop.profiles.schema import BoardProfile

__all__ = ["SHIPPED", "BoardProfile", "ProfileCatalogue", "available_profiles", "load_profile",
           "load_profile_file", "profile_from_dict", "profile_version"]
