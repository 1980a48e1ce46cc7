"""CSV import of institutions: all or nothing, errors by line number, in Danish."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from strategy import services
from strategy.enums import OrgUnitKind
from strategy.models import OrgUnit
from tests.factories import OrganisationFactory, OrgUnitFactory

HEADER = "navn;type;børn 0-2;børn 3-5;stuer;årsværk;dagplejere;legestuer;souschef\n"


def upload(text: str, encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile("institutioner.csv", text.encode(encoding), content_type="text/csv")


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


def test_import_creates_rows_with_danish_values(organisation):
    text = HEADER + (
        "Børnehuset Solsikken;Integreret;36;66;6;24,5;0;0;ja\n"
        "Dagplejen;dagpleje;224;0;0;61;56;3;nej\n"
    )

    result = services.org_units_import_csv(organisation=organisation, upload=upload(text))

    assert (result.ok, result.created, result.updated) == (True, 2, 0)
    rows = list(
        OrgUnit.objects.filter(organisation=organisation)
        .order_by("name")
        .values_list(
            "name",
            "kind",
            "children_0_2",
            "children_3_5",
            "rooms",
            "fte",
            "childminders",
            "play_centres",
            "has_deputy",
        )
    )
    assert rows == [
        ("Børnehuset Solsikken", OrgUnitKind.INTEGRERET, 36, 66, 6, Decimal("24.5"), 0, 0, True),
        ("Dagplejen", OrgUnitKind.DAGPLEJE, 224, 0, 0, Decimal("61.0"), 56, 3, False),
    ]


def test_import_updates_existing_by_name_and_keeps_absent_columns(organisation):
    unit = OrgUnitFactory(
        organisation=organisation, name="Vuggestuen Spiren", rooms=4, fte=Decimal("17")
    )
    text = "navn,type,stuer\nvuggestuen spiren,vuggestue,5\n"

    result = services.org_units_import_csv(organisation=organisation, upload=upload(text))

    unit.refresh_from_db()
    assert (result.ok, result.created, result.updated) == (True, 0, 1)
    assert (unit.kind, unit.rooms, unit.fte) == (OrgUnitKind.VUGGESTUE, 5, Decimal("17.0"))


def test_import_with_a_bad_row_reports_line_numbers_and_imports_nothing(organisation):
    text = HEADER + (
        "Børnehuset A;integreret;10;20;2;5;0;0;ja\n"
        "Børnehuset B;slot;10;20;2;5;0;0;nej\n"
        "Børnehuset C;børnehave;-3;20;2;5;0;0;nej\n"
        "Børnehuset A;integreret;1;1;1;1;0;0;nej\n"
        "Børnehuset D;børnehave;1;1;1;1;0;0;måske\n"
    )

    result = services.org_units_import_csv(organisation=organisation, upload=upload(text))

    assert OrgUnit.objects.filter(organisation=organisation).count() == 0
    assert [line for line, _message in result.errors] == [3, 4, 5, 6]
    assert result.errors[0] == (
        3,
        "Type: Marker en gyldig valgmulighed. slot er ikke en af de tilgængelige valgmuligheder.",
    )
    assert result.errors[1] == (
        4,
        "Børn 0-2 år: Denne værdi skal være større end eller lig 0.",
    )
    assert result.errors[2] == (5, "Navnet står også i linje 2.")
    assert result.errors[3] == (6, "Souschef: skriv “ja” eller “nej”.")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Filen er tom."),
        (b"navn;type\n", "Filen har ingen datarækker."),
        (b"navn;farve\nA;b\n", "Ukendt kolonne i overskriften: farve."),
        (b"stuer\n4\n", "Overskriften mangler kolonnen: kind, name."),
        (b"\x00\x01\x02navn", "Filen er ikke en CSV-fil."),
    ],
)
def test_import_of_an_unusable_file_gives_one_danish_error(organisation, content, message):
    result = services.org_units_import_csv(
        organisation=organisation, upload=SimpleUploadedFile("x.csv", content)
    )

    assert result.errors == [(None, message)]
    assert OrgUnit.objects.count() == 0


def test_import_reads_windows_1252(organisation):
    text = "navn;type\nBørnehaven Troldehøj;børnehave\n"

    result = services.org_units_import_csv(organisation=organisation, upload=upload(text, "cp1252"))

    assert result.ok
    assert OrgUnit.objects.get().name == "Børnehaven Troldehøj"


def test_import_view_shows_errors_and_changes_nothing(world):
    client = world.client_for("contributor")
    url = reverse("strategy:orgunit.import", kwargs={"slug": world.process.slug})
    before = OrgUnit.objects.count()

    response = client.post(url, {"file": upload(HEADER + "X;integreret;a;1;1;1;0;0;ja\n")})

    assert response.status_code == 400
    assert OrgUnit.objects.count() == before
    assert response.context["result"].errors == [(2, "Børn 0-2 år: Indtast et heltal.")]
    assert "Intet blev importeret" in response.content.decode()


def test_import_view_redirects_to_the_list_after_success(world):
    client = world.client_for("lead")
    url = reverse("strategy:orgunit.import", kwargs={"slug": world.process.slug})

    response = client.post(url, {"file": upload(HEADER + "Nyt Hus;integreret;1;2;3;4;0;0;nej\n")})

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "strategy:orgunit.list", kwargs={"slug": world.process.slug}
    )
    assert (
        OrgUnit.objects.filter(organisation=world.process.organisation, name="Nyt Hus").count() == 1
    )


def test_import_reads_the_dagplejepaedagoger_column(organisation):
    text = "navn;type;dagplejere;legestuer;dagplejepædagoger\nDagplejen;dagpleje;56;3;4\n"

    result = services.org_units_import_csv(organisation=organisation, upload=upload(text))

    assert (result.ok, result.created) == (True, 1)
    unit = OrgUnit.objects.get(organisation=organisation)
    assert (unit.childminders, unit.play_centres, unit.dagpleje_pedagogues) == (56, 3, 4)
