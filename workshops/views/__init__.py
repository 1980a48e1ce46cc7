"""Views of the workshops app, one module per screen family. Thin: objects come from
strategy.permissions / workshops.permissions, writes go through workshops.services."""
