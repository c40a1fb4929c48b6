"""The Qt front end: widgets over the iep_desktop core."""
