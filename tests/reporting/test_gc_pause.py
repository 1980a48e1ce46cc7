"""render.cyclic_gc_paused: the collector is off inside, as it was before afterwards."""

import gc

import pytest

from reporting import render


@pytest.fixture
def collector_on():
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after(collector_on):
    with render.cyclic_gc_paused():
        assert gc.isenabled() is False
    assert gc.isenabled() is True


def test_an_exception_inside_turns_the_collector_on_again(collector_on):
    with pytest.raises(ValueError, match="broken markup"), render.cyclic_gc_paused():
        raise ValueError("broken markup")
    assert gc.isenabled() is True


def test_nested_blocks_keep_it_off_until_the_outer_one_ends(collector_on):
    with render.cyclic_gc_paused():
        with render.cyclic_gc_paused():
            assert gc.isenabled() is False
        assert gc.isenabled() is False
    assert gc.isenabled() is True


def test_a_collector_that_was_off_stays_off(collector_on):
    gc.disable()
    with render.cyclic_gc_paused():
        assert gc.isenabled() is False
    assert gc.isenabled() is False


def test_html_to_pdf_renders_with_the_collector_off(collector_on, monkeypatch):
    seen = []

    class FakeHTML:
        def __init__(self, **kwargs):
            pass

        def write_pdf(self, **kwargs):
            seen.append((gc.isenabled(), kwargs))
            return b"%PDF-1.7"

    monkeypatch.setattr("weasyprint.HTML", FakeHTML)

    assert render.html_to_pdf("<p>Vision</p>") == b"%PDF-1.7"
    assert seen == [(False, {"pdf_variant": "pdf/ua-1"})]
    assert gc.isenabled() is True
