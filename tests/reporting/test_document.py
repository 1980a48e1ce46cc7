"""The strategy document model: its content, the consent rule, canonical JSON and its query
count at 1× and 5× the data."""

import datetime
import json

import pytest
from django.utils import translation

from actionplan.budget import amounts_heading
from actionplan.budget_selectors import budget_basis
from reporting.document import build_document, canonical_json, document_data
from tests.reporting.builders import OPEN_QUOTE, SECRET_QUOTE, grow

TODAY = datetime.date(2026, 5, 4)
# process, vision, phases, participants (4), themes, votes, decisions, plan (6),
# strategy prerequisites, need table (4), catalogue (3), budget, evidence (2).
QUERIES_BUILD = 28


def test_document_holds_the_plan_in_order(world):
    grow(world, 2)

    document = build_document(world.process, today=TODAY)

    assert [theme.title for theme in document.themes] == [
        "Mere tid til børnene",
        document.themes[1].title,
    ]
    assert [(i.number, i.title) for i in document.initiatives] == [
        ("1.1", "Indsats 0-0"),
        ("1.2", "Indsats 0-1"),
        ("2.1", "Indsats 1-0"),
        ("2.2", "Indsats 1-1"),
    ]
    first = document.initiatives[1]
    assert first.depends_on == ["1.1"]
    assert first.period == "K1 2027 – K2 2028"
    assert [c.indicator for c in first.criteria] == ["Indikator 0-1"]
    assert [p.description for p in first.prerequisites] == ["Kurser"]
    assert [(r.likelihood, r.impact, r.score) for r in first.risks] == [(2, 3, 6)]
    assert [p.description for p in document.strategy_prerequisites] == ["Finansiering"]


def test_document_budget_equals_the_budget_page(world):
    grow(world, 2)
    basis = budget_basis(world.process)

    document = build_document(world.process, today=TODAY)

    totals = {total.key: total.display for total in document.budget.totals}
    assert totals == {
        "drift": basis.drift.display,
        "anlaeg": basis.anlaeg.display,
        "one_off": basis.one_off.display,
        "recurring": basis.recurring.display,
        "total": basis.total.display,
    }
    assert totals["total"] == ["494", "6", "0", "0"]
    with translation.override("da"):
        assert document.budget.heading == amounts_heading(world.process)


def test_document_never_holds_a_quote_without_consent(world):
    grow(world, 2)

    text = canonical_json(build_document(world.process, today=TODAY))

    assert SECRET_QUOTE not in text
    assert f"{OPEN_QUOTE} 0" in text
    assert f"{OPEN_QUOTE} 1" in text


def test_document_votes_hide_small_groups(world):
    grow(world, 1)

    vote = build_document(world.process, today=TODAY).votes[0]

    assert vote.ballot_count == 7
    assert [(g.label, g.shown, len(g.options)) for g in vote.groups] == [
        ("Leder", True, 1),
        ("Dagpleje", False, 0),
    ]


def test_document_investment_lists_need_catalogue_and_exceptions(world):
    grow(world, 2)

    investment = build_document(world.process, today=TODAY).investment

    assert investment.need.categories == ["Pædagog-tablet"]
    assert investment.need.total == 4 + 3 + 3  # world's unit (4 rooms) and two of 3
    assert [(i.name, i.compliance, i.exception) for i in investment.catalogue] == [
        ("iPad 0", "not_met", "Undtaget af digitaliseringschefen"),
        ("iPad 1", "met", ""),
    ]


def test_canonical_json_is_sorted_with_fixed_formats(world):
    grow(world, 1)
    document = build_document(world.process, today=TODAY)

    text = canonical_json(document)
    data = json.loads(text)

    assert text == json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert data["date"] == "2026-05-04"
    assert data["budget"]["themes"][0]["initiatives"][0]["lines"][0]["kroner"] == [
        "123456.00",
        "1500.00",
        "0.00",
        "0.00",
    ]
    assert canonical_json(document_data(document)) == text
    assert canonical_json(build_document(world.process, today=TODAY)) == text


@pytest.mark.parametrize("factor", [1, 5])
def test_build_document_query_count(world, django_assert_num_queries, factor):
    grow(world, factor)

    with django_assert_num_queries(QUERIES_BUILD):
        document = build_document(world.process, today=TODAY)

    assert len(document.initiatives) == 2 * factor
