"""Every write of the workshops app, one module per area. Keyword-only functions, one
transaction each."""
