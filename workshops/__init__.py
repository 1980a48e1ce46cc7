"""Participants, interviews, workshops, insights and voting rounds (issues 3 and 4)."""
