"""CSV import of participants: all or nothing, errors by line number."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import OrgUnitFactory, ParticipantFactory
from workshops.models import Participant
from workshops.services.participants import participants_import_csv


def _upload(text: str, encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile("deltagere.csv", text.encode(encoding), content_type="text/csv")


def _import(world, text: str, encoding: str = "utf-8-sig"):
    return participants_import_csv(process=world.process, upload=_upload(text, encoding))


def _error_lines(result) -> list:
    return [line for line, _message in result.errors]


@pytest.fixture
def solsikken(world):
    return OrgUnitFactory(organisation=world.process.organisation, name="Solsikken")


def test_import_creates_participants_with_groups_and_institutions(world, solsikken):
    before = Participant.objects.filter(process=world.process).count()
    text = (
        "Navn;E-mail;Gruppe;Institution\n"
        "Pia Hansen;pia@example.dk;Leder;solsikken\n"
        "Ole Berg;;medarbejder;\n"
        "Eva Ekspert;eva@example.dk;Ekstern  Ekspert;\n"
        "Sara Dam;sara@example.dk;DAGPLEJE;Solsikken\n"
        "Dan Digi;;digitalisering;\n"
        "Susanne Styr;;styregruppe;\n"
    )

    result = _import(world, text)

    created = {
        p.name: (p.email, p.group, p.org_unit)
        for p in Participant.objects.filter(process=world.process).exclude(pk=world.participant.pk)
    }
    assert result.ok
    assert (result.created, result.updated) == (6, 0)
    assert Participant.objects.filter(process=world.process).count() == before + 6
    assert created == {
        "Pia Hansen": ("pia@example.dk", "leder", solsikken),
        "Ole Berg": ("", "medarbejder", None),
        "Eva Ekspert": ("eva@example.dk", "ekstern", None),
        "Sara Dam": ("sara@example.dk", "dagpleje", solsikken),
        "Dan Digi": ("", "digitalisering", None),
        "Susanne Styr": ("", "styregruppe", None),
    }
    assert not Participant.objects.filter(token_hash__isnull=False).exists()


def test_import_accepts_commas_windows_1252_and_missing_optional_columns(world):
    result = _import(world, "navn,gruppe\nSøren Østergård,leder\n", encoding="cp1252")

    assert result.ok
    assert Participant.objects.get(name="Søren Østergård").group == "leder"


def test_import_reports_every_bad_row_by_line_and_writes_nothing(world, solsikken):
    ParticipantFactory(process=world.process, email="findes@example.dk")
    before = Participant.objects.count()
    text = (
        "navn;e-mail;gruppe;institution\n"
        "God Række;god@example.dk;leder;Solsikken\n"  # 2: fine
        ";;leder;\n"  # 3: no name
        f"{'x' * 151};;leder;\n"  # 4: name too long
        "Pia;ikke-en-adresse;leder;\n"  # 5: invalid e-mail
        "Ole;GOD@example.dk;leder;\n"  # 6: e-mail also on line 2
        "Eva;findes@example.dk;leder;\n"  # 7: e-mail already in the process
        "Sara;;chef;\n"  # 8: not a group
        "Dan;;leder;Månestrålen\n"  # 9: unknown institution
        "Bo;;;\n"  # 10: no group
    )

    result = _import(world, text)

    assert not result.ok
    assert _error_lines(result) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert Participant.objects.count() == before


def test_an_institution_of_another_organisation_is_unknown(world):
    text = f"navn;gruppe;institution\nPia;leder;{world.other_org_unit.name}\n"

    result = _import(world, text)

    assert _error_lines(result) == [2]
    assert not Participant.objects.filter(name="Pia").exists()


def test_the_same_email_in_another_process_is_no_duplicate(world):
    ParticipantFactory(process=world.other_process, email="pia@example.dk")

    result = _import(world, "navn;e-mail;gruppe\nPia;pia@example.dk;leder\n")

    assert result.ok


@pytest.mark.parametrize(
    "text",
    [
        "",
        "navn;gruppe\n",
        "navn;e-mail\nPia;pia@example.dk\n",
        "navn;gruppe;farve\nPia;leder;blå\n",
        "navn;gruppe\nPia;leder;ekstra;felt\n",
    ],
    ids=["empty", "no-rows", "missing-group-column", "unknown-column", "too-many-fields"],
)
def test_unusable_files_are_refused(world, text):
    before = Participant.objects.count()

    result = _import(world, text)

    assert not result.ok
    assert Participant.objects.count() == before


def test_import_view_redirects_after_a_good_file(world, lead_client):
    url = reverse("workshops:participant.import", kwargs={"slug": world.process.slug})

    response = lead_client.post(url, {"file": _upload("navn;gruppe\nPia;leder\n")})

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "workshops:participant.list", kwargs={"slug": world.process.slug}
    )
    assert Participant.objects.filter(process=world.process, name="Pia").exists()


def test_import_view_shows_errors_with_400(world, lead_client):
    url = reverse("workshops:participant.import", kwargs={"slug": world.process.slug})

    response = lead_client.post(url, {"file": _upload("navn;gruppe\nPia;chef\n")})

    assert response.status_code == 400
    assert 'id="import-errors"' in response.content.decode()
    assert _error_lines(response.context["result"]) == [2]
    assert not Participant.objects.filter(name="Pia").exists()


def test_import_view_without_a_file_answers_400(world, lead_client):
    url = reverse("workshops:participant.import", kwargs={"slug": world.process.slug})

    response = lead_client.post(url, {})

    assert response.status_code == 400
    assert "file" in response.context["form"].errors


def test_import_is_forbidden_for_a_viewer(world):
    url = reverse("workshops:participant.import", kwargs={"slug": world.process.slug})

    response = world.client_for("viewer").post(url, {"file": _upload("navn;gruppe\nPia;leder\n")})

    assert response.status_code == 403
    assert not Participant.objects.filter(name="Pia").exists()
