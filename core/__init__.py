"""Framework-level helpers shared by every app: htmx helpers, CSV parsing, middleware,
health check and error pages. No domain models live here."""
