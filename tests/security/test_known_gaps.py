"""Gaps that docs/security.md lists under "Not covered" and "Residual risks", pinned as strict
xfails: each fails the day the gap is closed (an XPASS), so the marker and the documentation
are updated together. Next to each, what does protect today. A closed gap keeps its tests here
as ordinary tests of the fix."""

import csv
import io
import time
from binascii import unhexlify
from urllib.parse import urlencode

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.factories import InitiativeFactory, ThemeFactory

PASSWORD = "pw-Strategi-2026"
ADMIN = "/admin/"
ADMIN_LOGIN = "/admin/login/"
LOGIN = "/accounts/login/"
VERIFY = "/accounts/to-faktor/kode/"


def staff(user, *, app: bool) -> TOTPDevice | None:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    if not app:
        return None
    key = two_factor.new_key()
    return TOTPDevice.objects.create(user=user, name="app", key=key, confirmed=True)


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(unhexlify(device.key))
    totp.time = time.time()
    return f"{totp.token():06d}"


# --- The admin login and the second factor (closed) ------------------------------------------


def test_the_admin_login_does_not_skip_the_second_factor(world):
    lead = world.users["lead"]
    device = staff(lead, app=True)
    client = Client()

    to_login = client.get(f"{ADMIN_LOGIN}?next={ADMIN}")
    password = client.post(to_login["Location"], {"username": lead.email, "password": PASSWORD})
    process_page = client.get(world.process.get_absolute_url())
    admin_page = client.get(ADMIN)
    code = client.post(VERIFY, {"code": code_for(device)})

    assert to_login.status_code == 302
    assert to_login["Location"] == f"{LOGIN}?next={ADMIN}"
    assert password.status_code == 302
    assert password["Location"] == VERIFY
    assert process_page.status_code == 302
    assert process_page["Location"] == f"{LOGIN}?next={world.process.get_absolute_url()}"
    assert admin_page.status_code == 302
    assert admin_page["Location"] == f"{ADMIN_LOGIN}?next={ADMIN}"
    assert code.status_code == 302
    assert code["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


@pytest.mark.parametrize("required", [False, True])
def test_the_admin_login_form_takes_no_password(world, settings, required):
    settings.REQUIRE_2FA_FOR_LEADS = required
    lead = world.users["lead"]
    staff(lead, app=True)
    client = Client()

    response = client.post(ADMIN_LOGIN, {"username": lead.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={ADMIN}"
    assert SESSION_KEY not in client.session
    assert client.get(world.process.get_absolute_url()).status_code == 302


def test_a_staff_user_without_an_app_reaches_the_admin_after_the_password(world):
    lead = world.users["lead"]
    staff(lead, app=False)
    client = Client()

    password = client.post(f"{LOGIN}?next={ADMIN}", {"username": lead.email, "password": PASSWORD})
    admin_page = client.get(ADMIN)
    admin_login = client.get(ADMIN_LOGIN)

    assert password.status_code == 302
    assert password["Location"] == ADMIN
    assert int(client.session[SESSION_KEY]) == lead.pk
    assert admin_page.status_code == 200
    assert admin_login.status_code == 302
    assert admin_login["Location"] == ADMIN


def test_a_superuser_without_an_app_reaches_the_admin(db):
    User = get_user_model()
    User.objects.create_superuser(email="drift@example.dk", password=PASSWORD)
    client = Client()

    password = client.post(
        f"{LOGIN}?next={ADMIN}", {"username": "drift@example.dk", "password": PASSWORD}
    )

    assert password["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_a_member_who_is_not_staff_is_refused_by_the_admin(world):
    lead = world.users["lead"]
    client = Client()

    password = client.post(f"{LOGIN}?next={ADMIN}", {"username": lead.email, "password": PASSWORD})
    admin_page = client.get(ADMIN)
    admin_login = client.get(admin_page["Location"])

    assert password["Location"] == ADMIN
    assert admin_page.status_code == 302
    assert admin_page["Location"] == f"{ADMIN_LOGIN}?next={ADMIN}"
    assert admin_login.status_code == 403
    assert int(client.session[SESSION_KEY]) == lead.pk  # still logged in to the process pages


def test_a_session_without_the_code_does_not_reach_the_admin(world):
    """A session that holds no verified code (begun before the app was set up, or logged in
    some other way) is sent to the code by the admin, and back to the admin page after it."""
    lead = world.users["lead"]
    device = staff(lead, app=True)
    client = world.client_for("lead")
    admin_page_url = "/admin/password_change/"

    admin_page = client.get(admin_page_url)
    admin_login = client.get(admin_page["Location"])
    code = client.post(admin_login["Location"], {"code": code_for(device)})

    assert admin_page.status_code == 302
    assert admin_page["Location"] == f"{ADMIN_LOGIN}?next={admin_page_url}"
    assert admin_login.status_code == 302
    assert admin_login["Location"] == f"{VERIFY}?next={admin_page_url}"
    assert code.status_code == 302
    assert code["Location"] == admin_page_url
    assert client.get(admin_page_url).status_code == 200


def test_the_code_step_of_the_admin_follows_no_outside_next(world):
    device = staff(world.users["lead"], app=True)
    client = world.client_for("lead")

    code = client.post(
        f"{VERIFY}?{urlencode({'next': 'https://evil.example/admin/'})}",
        {"code": code_for(device)},
    )

    assert code.status_code == 302
    assert code["Location"] == reverse("strategy:home")
    assert client.get(ADMIN).status_code == 200  # verified all the same


def test_with_two_factor_required_a_session_without_the_code_reaches_no_page(world, settings):
    settings.REQUIRE_2FA_FOR_LEADS = True
    staff(world.users["lead"], app=True)
    client = world.client_for("lead")

    process_page = client.get(world.process.get_absolute_url())
    admin_page = client.get(reverse("admin:index"))

    assert process_page.status_code == 302
    query = urlencode({"next": world.process.get_absolute_url()})
    assert process_page["Location"] == f"{VERIFY}?{query}"
    assert admin_page.status_code == 302
    assert admin_page["Location"] == f"{VERIFY}?{urlencode({'next': ADMIN})}"


# --- Members' and participants' pages are not stored (closed) ------------------------------

NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def test_a_members_page_is_not_stored_by_the_browser(world, lead_client):
    response = lead_client.get(world.process.get_absolute_url())

    assert response.status_code == 200
    assert response["Cache-Control"] == NEVER_CACHE
    assert "Expires" in response


@pytest.mark.parametrize(
    "name", ["actionplan:plan.csv", "actionplan:plan.xlsx", "actionplan:budget.csv"]
)
def test_a_members_export_is_not_stored_by_the_browser(world, lead_client, name):
    response = lead_client.get(reverse(name, kwargs={"slug": world.process.slug}))

    assert response.status_code == 200
    assert response["Cache-Control"] == NEVER_CACHE


def test_a_participants_phone_page_is_not_stored_by_the_browser(world):
    from workshops.services.participants import participant_issue_link

    phone = Client()
    token = participant_issue_link(participant=world.participant)
    phone.get(f"/v/{token}/")

    response = phone.get(reverse("workshops:phone.home"))

    assert response.status_code == 200
    assert response["Cache-Control"] == NEVER_CACHE


def test_an_anonymous_page_is_left_to_the_view(db, client):
    response = client.get(reverse("workshops:join"))

    assert response.status_code == 200
    assert "Cache-Control" not in response


def test_the_check_loads_no_session_a_view_did_not_load(
    world, lead_client, django_assert_num_queries
):
    """/healthz reads no session: with a member's session cookie it still makes its one query
    (SELECT 1) and keeps its own header."""
    with django_assert_num_queries(1):
        response = lead_client.get("/healthz")

    assert response.status_code == 200
    assert response["Cache-Control"] == NEVER_CACHE


def test_the_pages_that_carry_secrets_are_not_stored(world, client):
    login = client.get(reverse("accounts:login"))
    health = client.get("/healthz")

    assert "no-store" in login["Cache-Control"]
    assert "no-store" in health["Cache-Control"]


# --- Formula injection in the spreadsheet exports (closed) ----------------------------------

FORMULA = '=HYPERLINK("https://example.invalid/","Klik")'
DDE = "-2+3+cmd|' /C calc'!A0"


def hostile_initiative(world):
    theme = ThemeFactory(process=world.process, priority_rank=1, title="@SUM(A1:A9)")
    return InitiativeFactory(
        theme=theme, position=1, title=FORMULA, purpose="+SUM(1+1)", owner=DDE, coordinator="#N/A"
    )


def test_the_plan_workbook_keeps_a_formula_in_a_title_as_text(world, lead_client):
    from openpyxl import load_workbook

    hostile_initiative(world)

    response = lead_client.get(reverse("actionplan:plan.xlsx", kwargs={"slug": world.process.slug}))

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [(cell.value, cell.data_type) for cell in sheet[2][:6]]
    assert response.status_code == 200
    assert cells == [
        ("1.1", "s"),
        ("@SUM(A1:A9)", "s"),
        (FORMULA, "s"),
        ("+SUM(1+1)", "s"),
        (DDE, "s"),
        ("#N/A", "s"),
    ]


def test_the_plan_csv_keeps_a_formula_in_a_title_as_text(world, lead_client):
    hostile_initiative(world)

    response = lead_client.get(reverse("actionplan:plan.csv", kwargs={"slug": world.process.slug}))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert response.status_code == 200
    assert rows[1][:6] == ["1.1", "'@SUM(A1:A9)", f"'{FORMULA}", "'+SUM(1+1)", f"'{DDE}", "#N/A"]


def hostile_budget(world):
    """The budget lines of the budget tests, with hostile texts in a theme, an initiative and a
    line."""
    world.theme.title = "@SUM(A1:A9)"
    world.theme.save(update_fields=["title"])
    initiative = world.initiatives["1.1"]
    initiative.title = FORMULA
    initiative.save(update_fields=["title"])
    line = world.lines["kurser"]
    line.label = "=1+1"
    line.note = DDE
    line.save(update_fields=["label", "note"])
    return world


@pytest.fixture
def budget(world):
    from tests.actionplan.budget_ui_data import budget_lines

    return budget_lines(world)


def test_the_budget_csv_keeps_formulas_in_texts_as_text_and_numbers_as_numbers(budget):
    hostile_budget(budget)
    url = reverse("actionplan:budget.csv", kwargs={"slug": budget.process.slug})

    response = budget.client_for("viewer").get(url, {"scenario": "phase1"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    texts = ["'@SUM(A1:A9)", "1.1", f"'{FORMULA}"]
    assert response.status_code == 200
    assert [[*row[:4], *row[6:10], *row[12:]] for row in rows[1:]] == [
        [*texts, "'=1+1", "1500,00", "0,00", "0,00", "0,00", f"'{DDE}"],
        [*texts, "Gevinst", "0,00", "-60000,00", "-60000,00", "-60000,00", ""],
    ]


def workbook_of(world):
    from openpyxl import load_workbook

    url = reverse("actionplan:budget.xlsx", kwargs={"slug": world.process.slug})
    response = world.client_for("viewer").get(url)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def cells_where(workbook, test) -> list[tuple[str, str, object, str]]:
    return [
        (sheet.title, cell.coordinate, cell.value, cell.data_type)
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if test(cell)
    ]


def test_the_budget_workbook_keeps_formulas_in_texts_as_text_and_its_own_as_formulas(budget):
    formulas_before = cells_where(workbook_of(budget), lambda cell: cell.data_type == "f")
    hostile_budget(budget)

    workbook = workbook_of(budget)

    hostile = {"@SUM(A1:A9)", FORMULA, "=1+1"}
    assert cells_where(workbook, lambda cell: cell.value in hostile) == [
        ("Budgetgrundlag", "B6", "@SUM(A1:A9)", "s"),
        ("Budgetgrundlag", "B7", FORMULA, "s"),
        ("Budgetgrundlag", "B8", "=1+1", "s"),
        ("Pr. indsats", "B3", FORMULA, "s"),
        ("Pr. indsats", "C3", "@SUM(A1:A9)", "s"),
    ]
    # The export's own SUM and SUMIFS cells are formulas still, the same ones as before.
    assert cells_where(workbook, lambda cell: cell.data_type == "f") == formulas_before
    # 24 SUM and 32 SUMIFS on the basis sheet, 8 SUM per initiative, 1 SUM of devices.
    assert len(formulas_before) == 65


def test_the_participants_link_csv_keeps_formulas_as_text(world, lead_client):
    from tests.factories import OrgUnitFactory, ParticipantFactory

    unit = OrgUnitFactory(organisation=world.process.organisation, name="@Børnehuset")
    ParticipantFactory(process=world.process, name=FORMULA, email="+45@example.dk", org_unit=unit)
    url = reverse("workshops:participant.export_links", kwargs={"slug": world.process.slug})

    response = lead_client.post(url, {"scope": "all"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    hostile = [row for row in rows if row[0] == f"'{FORMULA}"]
    assert response.status_code == 200
    assert [row[:4] for row in hostile] == [
        [f"'{FORMULA}", "'+45@example.dk", "medarbejder", "'@Børnehuset"]
    ]
    assert hostile[0][4].startswith("http://testserver/v/")
