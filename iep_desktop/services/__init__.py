"""Use cases: one function each, over a unit of work. The UI and the CLI call only these."""
