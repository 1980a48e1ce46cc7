"""The strategy document, its renderers and approved versions (issue 7). Nothing imports it."""
