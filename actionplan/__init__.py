"""Initiatives, prerequisites, risks, devices and the budget basis (issues 5 and 6)."""
