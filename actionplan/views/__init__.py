"""Views of the action plan, one module per screen family."""
