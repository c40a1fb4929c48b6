"""Domain models and rules: pure Python, no storage, no Qt."""
