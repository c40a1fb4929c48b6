"""Cryptography at the edge: key wrapping and sealing with the `cryptography` package only."""
