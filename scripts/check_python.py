"""Stop early, with a clear message, when the Python that creates .venv is too old."""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 - runs under whatever python3 the machine has
    sys.exit(
        f"rodovre-strategy needs Python 3.11 or newer; this is {sys.version.split()[0]}. "
        "Install a newer Python, or run make with PYTHON=/path/to/python3.11."
    )
