"""scripts/check_system.py: `make run` stops with the Debian package to install."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_system.py"


@pytest.fixture
def check_system():
    spec = importlib.util.spec_from_file_location("check_system", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_check_system_passes_on_this_machine(check_system):
    assert check_system.main() == 0


def test_check_system_names_the_missing_package(check_system, monkeypatch, capsys):
    monkeypatch.setattr(
        check_system, "LIBRARIES", [("libdoes-not-exist-1.0.so.0", "libdoes-not-exist0")]
    )

    assert check_system.main() == 1
    assert capsys.readouterr().err == (
        "The PDF renderer (WeasyPrint) needs system libraries that are missing: "
        "libdoes-not-exist0.\nInstall them with: apt-get install -y libdoes-not-exist0\n"
    )
