"""Stop `make run` early, with a clear message, when a system library WeasyPrint needs is missing.

WeasyPrint (the strategy PDF) loads pango and harfbuzz at run time; without them the first PDF
request would fail. Each library is named with the Debian package that provides it.
"""

import ctypes
import sys

# (shared library, Debian package)
LIBRARIES = [
    ("libpango-1.0.so.0", "libpango-1.0-0"),
    ("libpangoft2-1.0.so.0", "libpangoft2-1.0-0"),
    ("libharfbuzz-subset.so.0", "libharfbuzz-subset0"),
]


def missing_packages() -> list[str]:
    missing = []
    for library, package in LIBRARIES:
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def main() -> int:
    if sys.platform != "linux":
        return 0  # the names below are Debian's; elsewhere WeasyPrint's own error must do
    missing = missing_packages()
    if missing:
        print(
            "The PDF renderer (WeasyPrint) needs system libraries that are missing: "
            f"{', '.join(missing)}.\nInstall them with: apt-get install -y {' '.join(missing)}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
