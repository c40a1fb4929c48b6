"""The central office hub: enrollment, ingest and merge, return bundles, state reporting."""
