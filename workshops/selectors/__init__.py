"""Reads of the workshops app that views, other apps and reports reuse, one module per area."""
