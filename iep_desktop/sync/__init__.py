"""Sync between laptops and the central office hub.

``container`` is the bundle file format v1 (docs/bundle-format-v1.md): framing, encryption to the
recipient's X25519 key, per-chunk authentication and the sender's Ed25519 signature. What goes
inside the payload is defined elsewhere; the container treats it as opaque bytes.
"""
