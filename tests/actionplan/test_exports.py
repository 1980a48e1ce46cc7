"""The plan as CSV (UTF-8 with BOM, semicolons) and as XLSX: exact rows."""

import csv
import io
from datetime import date, datetime

import pytest
from django.urls import reverse

from actionplan.models import SuccessCriterion
from tests.factories import InitiativeFactory, ThemeFactory

HEADER = [
    "Nr.",
    "Tema",
    "Indsats",
    "Formål",
    "Indsatsejer",
    "Tovholder",
    "Start",
    "Slut",
    "Fase",
    "Status",
    "Trafiklys",
    "Med i budgetønske",
    "Succeskriterier",
]


@pytest.fixture
def plan(world):
    theme_1 = ThemeFactory(process=world.process, priority_rank=1, title="Digital velfærd")
    theme_2 = ThemeFactory(process=world.process, priority_rank=2, title="Data")
    first = InitiativeFactory(
        theme=theme_1,
        position=1,
        title="Skærmbesøg",
        purpose="Færre kørsler; mere tid",
        owner="Anne",
        coordinator="Bo",
        start_date=date(2027, 1, 1),
        end_date=date(2028, 6, 30),
        phase="1",
        status="in_progress",
        traffic_light="yellow",
        in_budget_request=True,
    )
    SuccessCriterion.objects.create(initiative=first, indicator="Besøg pr. uge", target="200")
    SuccessCriterion.objects.create(initiative=first, indicator="Tilfredshed")
    InitiativeFactory(theme=theme_2, position=1, title="Datalager")
    InitiativeFactory(theme=world.other["theme"], title="Fremmed")
    return world


def labels(status, light):
    """The choice labels as the export writes them (active language of the request)."""
    from actionplan.enums import InitiativeStatus, TrafficLight

    return str(InitiativeStatus(status).label), str(TrafficLight(light).label)


def test_plan_csv_has_bom_semicolons_and_exact_rows(plan, lead_client):
    response = lead_client.get(reverse("actionplan:plan.csv", kwargs={"slug": plan.process.slug}))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="handleplan-{plan.process.slug}.csv"'
    )
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    in_progress, yellow = labels("in_progress", "yellow")
    not_started, green = labels("not_started", "green")
    assert rows == [
        HEADER,
        [
            "1.1",
            "Digital velfærd",
            "Skærmbesøg",
            "Færre kørsler; mere tid",
            "Anne",
            "Bo",
            "2027-01-01",
            "2028-06-30",
            "Fase 1",
            in_progress,
            yellow,
            "Ja",
            "Besøg pr. uge → 200; Tilfredshed",
        ],
        ["2.1", "Data", "Datalager", "", "", "", "", "", "", not_started, green, "Nej", ""],
    ]


def test_plan_xlsx_has_a_header_row_and_exact_rows(plan, lead_client):
    from openpyxl import load_workbook

    response = lead_client.get(reverse("actionplan:plan.xlsx", kwargs={"slug": plan.process.slug}))

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    in_progress, yellow = labels("in_progress", "yellow")
    not_started, green = labels("not_started", "green")
    assert rows == [
        HEADER,
        [
            "1.1",
            "Digital velfærd",
            "Skærmbesøg",
            "Færre kørsler; mere tid",
            "Anne",
            "Bo",
            datetime(2027, 1, 1),
            datetime(2028, 6, 30),
            "Fase 1",
            in_progress,
            yellow,
            "Ja",
            "Besøg pr. uge → 200; Tilfredshed",
        ],
        [
            "2.1",
            "Data",
            "Datalager",
            None,
            None,
            None,
            None,
            None,
            None,
            not_started,
            green,
            "Nej",
            None,
        ],
    ]
    assert sheet.title == "Handleplan"
    assert sheet["A1"].font.bold is True
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 40


@pytest.mark.parametrize("name", ["actionplan:plan.csv", "actionplan:plan.xlsx"])
def test_exports_of_an_empty_plan_have_only_the_header(world, lead_client, name):
    response = lead_client.get(reverse(name, kwargs={"slug": world.process.slug}))

    assert response.status_code == 200
    if name.endswith("csv"):
        assert response.content.decode("utf-8-sig") == ";".join(HEADER) + "\r\n"
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [list(r) for r in sheet.iter_rows(values_only=True)] == [HEADER]


@pytest.mark.parametrize("name", ["actionplan:plan.csv", "actionplan:plan.xlsx"])
@pytest.mark.parametrize("factor", [1, 5])
def test_export_query_count_does_not_grow(
    world, lead_client, django_assert_num_queries, name, factor
):
    for _ in range(factor):
        initiative = InitiativeFactory(theme=ThemeFactory(process=world.process))
        SuccessCriterion.objects.create(initiative=initiative, indicator="I")
    url = reverse(name, kwargs={"slug": world.process.slug})
    lead_client.get(url)

    with django_assert_num_queries(5):
        response = lead_client.get(url)

    assert response.status_code == 200
