"""One module per wizard page; each loads and saves one kind of domain record."""
