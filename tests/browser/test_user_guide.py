"""Issue 8: the screenshots of the Danish user guide (docs/brugervejledning.md), taken from the
demo data by walking each role's screens: the project lead, the facilitator (the lead in the
workshop room, with the projector), a participant's phone and the steering group.

Each step asserts something exact about its page (a heading, a count, a status) and runs axe on
it before the picture is taken, so a broken page fails here and never ends up in the guide. The
labels the guide tells people to click are the ones the steps click (in Danish, as on screen),
so a changed label fails here too.

The pictures go to pytest's tmp_path, or to GUIDE_SCREENSHOTS_DIR when it is set
(`make screenshots` sets it to docs/img/guide). `test_the_guide_shows_only_these_screenshots`
checks that the guide references exactly the pictures these tests take."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from actionplan import budget_selectors
from actionplan.models import Initiative
from reporting.models import ApprovalRequest, ApprovalStatus, StrategyVersion
from reporting.services import approval_submit
from strategy import services as strategy_services
from strategy.demo import THEMES, themes_by_number
from strategy.models import StrategicTheme, StrategyProcess
from tests.browser.conftest import new_context
from tests.browser.helpers import LEAD_EMAIL, PROCESS_URL, assert_accessible, login
from workshops.demo import PRIORITISATION_ROUND, TRY_ROUND, TRY_WORKSHOP
from workshops.enums import ResultsVisibility, StakeholderGroup, VotingMethod, VotingMode
from workshops.models import Ballot, Insight, Participant, VotingRound, Workshop
from workshops.services.participants import participant_issue_link
from workshops.services.voting import round_create, round_open

GUIDE = Path(settings.BASE_DIR) / "docs" / "brugervejledning.md"
GUIDE_IMAGE = re.compile(r"\]\(img/guide/([^)\s]+)\.png\)")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

DESKTOP = {"width": 1280, "height": 800}
PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
STEERING_EMAIL = "styregruppe@demo.rodovre.dk"
TABLET_INITIATIVE = "Pædagog-tablet pr. stue + fælles pulje"  # initiative 2.1
RENDER_TIMEOUT_MS = 90_000  # approving renders the strategy PDF of the whole demo

# The pictures of each role, in the order the tests take them (file names without .png).
SHOTS = {
    "lead": [
        "projektleder-oversigt",
        "projektleder-fase",
        "projektleder-deltagere",
        "projektleder-personligt-link",
        "projektleder-qr-kort",
        "projektleder-interview",
        "projektleder-tavle",
        "projektleder-temaer",
        "projektleder-ny-runde",
        "projektleder-handleplan",
        "projektleder-indsats",
        "projektleder-investering",
        "projektleder-enhedsplan",
        "projektleder-budget",
        "projektleder-rapport",
        "projektleder-budgetoenske",
        "projektleder-indsend",
        "projektleder-indsendt",
    ],
    "facilitator": [
        "facilitator-workshop",
        "facilitator-workshop-projektor",
        "facilitator-runde",
        "facilitator-runde-projektor",
        "facilitator-runde-lukket",
        "facilitator-resultater",
        "facilitator-gruppefordeling",
    ],
    "participant": [
        "deltager-deltagerkode",
        "deltager-forside",
        "deltager-noter",
        "deltager-stemmeseddel",
        "deltager-stemme-talt",
        "deltager-hemmelig",
    ],
    "steering": [
        "styregruppe-godkendelse",
        "styregruppe-versioner",
        "styregruppe-sammenligning",
    ],
}


@pytest.fixture
def context_options() -> dict:
    """The lead's and the steering group's pages at a desktop size of 1280 × 800."""
    return {"viewport": DESKTOP}


@pytest.fixture
def shots_dir(tmp_path) -> Path:
    configured = os.environ.get("GUIDE_SCREENSHOTS_DIR")
    directory = Path(configured) if configured else tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def workshops_demo(demo):
    """The demo process with its participants, interviews, workshops and voting rounds."""
    from workshops import demo as workshops_demo

    workshops_demo.seed()
    return demo


@pytest.fixture
def full_demo(workshops_demo):
    """The whole demo: also the action plan, the investment basis and the budget."""
    from actionplan import demo as actionplan_demo

    actionplan_demo.seed()
    return workshops_demo


class Camera:
    """Takes the screenshots of one role: checks the page is Danish and passes axe first."""

    def __init__(self, directory: Path, role: str):
        self.directory = directory
        self.role = role
        self.taken: list[str] = []

    def shoot(self, page, name: str) -> None:
        expect(page.locator("html")).to_have_attribute("lang", "da")
        assert_accessible(page)
        # No text cursor in the picture. Playwright's default (caret="hide") leaves an empty
        # style attribute on every input, which htmx then copies when it swaps the element,
        # and the Content-Security-Policy refuses that; so blur the field instead, and let
        # Bootstrap's focus ring fade (a 0.15 s transition).
        blurred = page.evaluate(
            "() => { const e = document.activeElement;"
            " if (e && e.matches('input, textarea, select')) { e.blur(); return true; }"
            " return false; }"
        )
        if blurred:
            page.wait_for_timeout(300)
        page.screenshot(path=self.directory / f"{name}.png", full_page=False, caret="initial")
        self.taken.append(name)

    def assert_complete(self) -> None:
        assert self.taken == SHOTS[self.role]
        for name in self.taken:
            data = (self.directory / f"{name}.png").read_bytes()
            assert data.startswith(PNG_SIGNATURE), f"{name}.png is not a PNG"
            assert len(data) > 5_000, f"{name}.png has only {len(data)} bytes"


def browser_test(function):
    """A test that walks the screens in Chromium against the live server and its database."""
    return pytest.mark.browser(pytest.mark.django_db(transaction=True)(function))


def accept_dialogs(page) -> list[str]:
    """Accept the browser's confirmations (data-confirm) and remember what they asked."""
    asked: list[str] = []

    def accept(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return asked


def heading(page):
    return page.get_by_role("heading", level=1)


def click_and_wait(page, locator, timeout: int | None = None) -> None:
    """Click and wait for the next page (the click waits for it too, so both get `timeout`)."""
    options = {"timeout": timeout} if timeout else {}
    with page.expect_navigation(**options):
        locator.click(**options)


def demo_process() -> StrategyProcess:
    return StrategyProcess.objects.get(slug="digitalisering-0-6")


def test_the_guide_shows_only_these_screenshots():
    referenced = GUIDE_IMAGE.findall(GUIDE.read_text(encoding="utf-8"))
    taken = [name for names in SHOTS.values() for name in names]
    assert len(set(taken)) == len(taken)
    assert sorted(set(referenced)) == sorted(taken)
    # The pictures are shown once each, and only as img/guide/<name>.png.
    assert len(referenced) == len(taken)
    assert len(re.findall(r"\.png\b", GUIDE.read_text(encoding="utf-8"))) == len(taken)


@browser_test
def test_project_lead(full_demo, lead_page, shots_dir, console):
    page = lead_page
    asked = accept_dialogs(page)
    camera = Camera(shots_dir, "lead")
    process = demo_process()

    # The process overview with its key figures.
    page.goto(PROCESS_URL)
    expect(heading(page)).to_have_text("Digitaliseringsstrategi for 0-6-årsområdet 2027-2030")
    expect(page.locator("main .card .display-6")).to_have_text(
        ["21", "44", "7", "13", "5", "204", "20", "2"]
    )
    camera.shoot(page, "projektleder-oversigt")

    # A phase with its deliverables.
    page.locator("main a", has_text="4. Prioritering af strategiske temaer").click()
    expect(heading(page)).to_have_text("Fase 4: Prioritering af strategiske temaer")
    expect(page.locator("#checklist li[id^=deliverable-]")).to_have_count(1)
    camera.shoot(page, "projektleder-fase")

    # The participants, and a personal link with its QR code.
    page.get_by_role("link", name="Deltagere", exact=True).click()
    expect(heading(page)).to_have_text("Deltagere")
    expect(page.locator("#participant-table tbody tr")).to_have_count(44)
    camera.shoot(page, "projektleder-deltagere")
    sara = Participant.objects.get(process=process, name="Sara Nielsen")
    page.locator(f"#participant-{sara.pk} a").click()
    click_and_wait(page, page.get_by_role("button", name="Opret et link"))
    expect(heading(page)).to_have_text("Personligt link for Sara Nielsen")
    expect(page.locator("#personal-link")).to_have_value(re.compile(r"^http://.+/v/[\w-]+/$"))
    camera.shoot(page, "projektleder-personligt-link")

    # QR cards for everyone without a link (Sara has one now): 43 cards.
    page.goto(f"{PROCESS_URL}deltagere/")
    page.locator("#bulk-links input[name=scope][value=without_link]").check()
    click_and_wait(page, page.get_by_role("button", name="Vis QR-kort til udskrivning"))
    expect(heading(page)).to_have_text("QR-kort")
    expect(page.locator("#qr-cards li.qr-card")).to_have_count(43)
    assert asked == [
        "Opret nye personlige links? Deltagernes tidligere links holder op med at virke."
    ]
    camera.shoot(page, "projektleder-qr-kort")

    # An expert interview and its insights.
    page.goto(f"{PROCESS_URL}interviews/")
    page.get_by_role("link", name="Henrik Aagaard", exact=True).click()
    expect(heading(page)).to_have_text("Henrik Aagaard")
    expect(page.locator("#insight-list > li")).to_have_count(5)
    camera.shoot(page, "projektleder-interview")

    # The facilitator board of the managers' workshop.
    workshop = Workshop.objects.get(process=process, title="Workshop for ledere")
    assert Insight.objects.filter(workshop=workshop).count() == 52
    page.goto(f"{PROCESS_URL}workshops/")
    page.locator(f"a[href='{PROCESS_URL}workshops/{workshop.pk}/tavle/']").click()
    expect(heading(page)).to_have_text("Tavle: Workshop for ledere")
    expect(page.locator("#notes-shown")).to_have_text("Viser 52 af 52 noter")
    camera.shoot(page, "projektleder-tavle")

    # The strategic themes: seven prioritised and the merged eighth.
    page.get_by_role("link", name="Temaer", exact=True).click()
    expect(heading(page)).to_have_text("Temaer")
    expect(page.locator("main tr[id^=theme-]")).to_have_count(8)
    camera.shoot(page, "projektleder-temaer")

    # A new voting round: the form (five methods to choose from).
    page.get_by_role("link", name="Afstemninger", exact=True).click()
    page.get_by_role("link", name="Ny afstemningsrunde", exact=True).click()
    expect(heading(page)).to_have_text("Ny afstemningsrunde")
    expect(page.locator("main input[name=method]")).to_have_count(5)
    page.locator("main input[name=title]").fill("Prioritering af indsatserne i fase 1")
    camera.shoot(page, "projektleder-ny-runde")

    # The action plan: 20 initiatives under the seven themes; one initiative's page.
    page.get_by_role("link", name="Handleplan", exact=True).click()
    expect(heading(page)).to_have_text("Handleplan")
    expect(page.locator("#plan-results tr[id^=initiative-]")).to_have_count(20)
    camera.shoot(page, "projektleder-handleplan")
    initiative = Initiative.objects.get(process=process, title=TABLET_INITIATIVE)
    page.locator(f"#initiative-{initiative.pk} a", has_text=TABLET_INITIATIVE).click()
    expect(heading(page)).to_have_text(f"2.1 {TABLET_INITIATIVE}")
    camera.shoot(page, "projektleder-indsats")

    # The investment basis (339 devices to buy) and the device plan.
    page.get_by_role("link", name="Investering", exact=True).click()
    expect(heading(page)).to_have_text("Investeringsgrundlag")
    expect(page.locator("#investment-summary [data-count=need]")).to_have_text("339")
    camera.shoot(page, "projektleder-investering")
    page.get_by_role("link", name="Enhedsplan", exact=True).click()
    expect(page.locator("#plan-summary [data-count=devices]")).to_have_text("339")
    camera.shoot(page, "projektleder-enhedsplan")

    # The budget basis: the four years' totals in 1.000 kr. (DOMAIN.md §6).
    page.get_by_role("link", name="Budget", exact=True).click()
    expect(heading(page)).to_have_text("Budgetgrundlag")
    basis = budget_selectors.budget_basis(process)
    assert basis.drift.display == ["3.294", "2.072", "1.253", "1.103"]
    totals = page.locator("#budget-matrix tr[data-total='total'] td.text-end")
    expect(totals).to_have_text(["4.194", "2.072", "1.253", "1.103"])
    camera.shoot(page, "projektleder-budget")

    # The report preview with its PDFs, and the budget request's texts.
    page.get_by_role("link", name="Rapport", exact=True).click()
    expect(page.locator("#report-pdf-link")).to_have_text("Hent strategien som PDF")
    expect(page.locator("#budget-request-pdf-link")).to_have_text("Hent budgetønsket som PDF")
    camera.shoot(page, "projektleder-rapport")
    page.get_by_role("link", name="Redigér budgetønsket", exact=True).click()
    expect(heading(page)).to_have_text("Budgetønske")
    expect(page.locator("#budget-request-form textarea")).to_have_count(5)
    camera.shoot(page, "projektleder-budgetoenske")

    # Send the draft to the steering group.
    page.get_by_role("link", name="Versioner", exact=True).click()
    expect(heading(page)).to_have_text("Godkendte versioner")
    page.locator("#submit-form [name=note]").fill("Til styregruppemødet SG5 den 4. december.")
    camera.shoot(page, "projektleder-indsend")
    click_and_wait(page, page.get_by_role("button", name="Indsend udkastet til godkendelse"))
    approval = ApprovalRequest.objects.get(process=process)
    assert approval.status == ApprovalStatus.PENDING
    expect(heading(page)).to_have_text("Godkendelse af strategien")
    expect(page.locator("#approval-status")).to_contain_text("Afventer styregruppen")
    camera.shoot(page, "projektleder-indsendt")

    camera.assert_complete()
    assert console.csp_violations() == []
    assert console.errors == []


@browser_test
def test_facilitator(workshops_demo, lead_page, browser, live_server, shots_dir, console):
    page = lead_page
    asked = accept_dialogs(page)
    camera = Camera(shots_dir, "facilitator")
    process = demo_process()
    workshop = Workshop.objects.get(process=process, title=TRY_WORKSHOP["title"])
    voting_round = VotingRound.objects.get(process=process, title=TRY_ROUND["title"])
    round_url = f"{PROCESS_URL}runder/{voting_round.pk}/"

    # The workshop's page with its join code, and the projector screen with the QR code.
    page.goto(f"{PROCESS_URL}workshops/")
    page.get_by_role("link", name=TRY_WORKSHOP["title"], exact=True).click()
    expect(heading(page)).to_have_text(TRY_WORKSHOP["title"])
    expect(page.locator("#join-code")).to_have_text(workshop.join_code)
    expect(page.locator("#workshop-status")).to_have_text("Åben for noter")
    camera.shoot(page, "facilitator-workshop")
    page.set_viewport_size(PROJECTOR)
    page.get_by_role("link", name="Projektorvisning", exact=True).click()
    expect(page.locator("#join-code")).to_have_text(workshop.join_code)
    expect(page.locator("#note-count")).to_contain_text("0")
    camera.shoot(page, "facilitator-workshop-projektor")

    # The open round's page: nobody has voted yet.
    page.set_viewport_size(DESKTOP)
    page.goto(round_url)
    expect(heading(page)).to_have_text(TRY_ROUND["title"])
    expect(page.locator("#round-status")).to_have_attribute("data-status", "open")
    expect(page.get_by_role("button", name="Luk runden")).to_be_visible()
    camera.shoot(page, "facilitator-runde")

    # The projector shows the live count while three phones join with the code and vote.
    projector = page.context.new_page()
    console.watch(projector)
    projector.set_viewport_size(PROJECTOR)
    projector.goto(f"{round_url}projektor/")
    count = projector.locator("#vote-count")
    expect(count).to_have_attribute("data-voted", "0")
    themes = themes_by_number(process)
    phones = [new_context(browser, live_server, **PHONE) for _ in range(3)]
    try:
        for context, group, choices in (
            (phones[0], StakeholderGroup.LEDER, (1, 5)),
            (phones[1], StakeholderGroup.MEDARBEJDER, (2, 3, 5)),
            (phones[2], StakeholderGroup.DIGITALISERING, (3, 6)),
        ):
            phone = context.new_page()
            console.watch(phone)
            phone.goto(f"/join/?code={workshop.join_code}")
            phone.locator(f"#join-form input[name=group][value={group}]").check()
            click_and_wait(phone, phone.get_by_role("button", name="Deltag"))
            phone.goto(f"/deltager/runder/{voting_round.pk}/")
            for number in choices:
                phone.locator(f"#ballot-form input[name=option-{themes[number].pk}]").check()
            phone.get_by_role("button", name="Send din stemme").click()
            expect(phone.locator("#vote-counted")).to_have_text("Tak: din stemme er talt med.")
    finally:
        for context in phones:
            context.close()
    assert Ballot.objects.filter(round=voting_round).count() == 3
    expect(count).to_have_attribute("data-voted", "3", timeout=8000)
    expect(count).to_have_text("3 har stemt")
    camera.shoot(projector, "facilitator-runde-projektor")

    # Closing the round (the browser asks first): the result is frozen.
    page.goto(round_url)
    click_and_wait(page, page.get_by_role("button", name="Luk runden"))
    expect(page.locator("#round-status")).to_have_attribute("data-status", "closed")
    assert asked == [
        "Luk runden? Ingen stemmesedler tælles med efter lukningen, og resultatet bliver låst."
    ]
    voting_round.refresh_from_db()
    assert voting_round.frozen_result["ballot_count"] == 3
    camera.shoot(page, "facilitator-runde-lukket")
    projector.close()

    # The prioritisation workshop's results: 35 ballots of 5 points, and per group.
    prioritisation = VotingRound.objects.get(process=process, title=PRIORITISATION_ROUND["title"])
    page.goto(f"{PROCESS_URL}runder/")
    page.get_by_role("link", name=PRIORITISATION_ROUND["title"], exact=True).click()
    page.get_by_role("link", name="Resultater", exact=True).click()
    expect(heading(page)).to_have_text(f"Resultater: {PRIORITISATION_ROUND['title']}")
    expect(page.locator("#ballot-count")).to_have_attribute("data-count", "35")
    expect(page.locator("#total-score")).to_have_attribute("data-total", "175")
    camera.shoot(page, "facilitator-resultater")
    page.evaluate("document.getElementById('groups-heading').scrollIntoView()")
    page.evaluate("window.scrollBy(0, -16)")
    expect(page.locator("#groups-heading")).to_have_text("Fordeling på målgrupper")
    groups = page.locator(".group-result[data-shown=true]")
    expect(groups).to_have_count(4)
    assert [group.get_attribute("data-group") for group in groups.all()] == [
        StakeholderGroup.LEDER,
        StakeholderGroup.MEDARBEJDER,
        StakeholderGroup.DAGPLEJE,
        StakeholderGroup.DIGITALISERING,
    ]
    assert prioritisation.frozen_result["ballot_count"] == 35
    camera.shoot(page, "facilitator-gruppefordeling")

    camera.assert_complete()
    assert console.csp_violations() == []
    assert console.errors == []


@browser_test
def test_participant_phone(workshops_demo, browser, live_server, shots_dir, console):
    camera = Camera(shots_dir, "participant")
    process = demo_process()
    workshop = Workshop.objects.get(process=process, title=TRY_WORKSHOP["title"])
    try_round = VotingRound.objects.get(process=process, title=TRY_ROUND["title"])
    themes = themes_by_number(process)
    secret_round = round_open(
        voting_round=round_create(
            process=process,
            data={
                "title": "Hvilket tema skal fase 1 begynde med?",
                "question": "Fordel dine 3 prikker. Afstemningen er hemmelig.",
                "workshop": workshop,
                "method": VotingMethod.DOTS,
                "rules": {"dots_per_voter": 3},
                "eligible_groups": [],
                "mode": VotingMode.REGISTERED,
                "secret": True,
                "results_visibility": ResultsVisibility.AFTER_CLOSE,
            },
            themes=[themes[number] for number in (1, 2, 3, 4)],
        )
    )
    sara = Participant.objects.get(process=process, name="Sara Nielsen")
    token = participant_issue_link(participant=sara)

    # A phone without a link joins with the workshop's code.
    code_phone = new_context(browser, live_server, **PHONE)
    try:
        phone = code_phone.new_page()
        console.watch(phone)
        phone.goto(f"/join/?code={workshop.join_code}")
        expect(heading(phone)).to_have_text("Deltag i en workshop")
        expect(phone.locator("#join-form input[name=code]")).to_have_value(workshop.join_code)
        expect(phone.locator("#join-form input[name=group]")).to_have_count(6)
        camera.shoot(phone, "deltager-deltagerkode")
    finally:
        code_phone.close()

    # Sara opens her personal link: her workshops and the open votes.
    context = new_context(browser, live_server, **PHONE)
    try:
        phone = context.new_page()
        console.watch(phone)
        phone.goto(f"/v/{token}/")
        expect(phone).to_have_url(re.compile(r"/deltager/$"))
        expect(heading(phone)).to_have_text("Dine workshops")
        expect(phone.locator("#phone-workshops > li")).to_have_count(5)
        expect(phone.locator("#phone-rounds > li")).to_have_count(2)
        camera.shoot(phone, "deltager-forside")

        # A note in the open workshop.
        phone.locator(f"#workshop-{workshop.pk} a").click()
        expect(heading(phone)).to_have_text(TRY_WORKSHOP["title"])
        phone.locator("#note-form input[name=kind][value=idea]").check()
        text = "Superbrugerne skal have faste timer hver uge, også i dagplejen"
        phone.locator("#note-form textarea[name=text]").fill(text)
        camera.shoot(phone, "deltager-noter")
        phone.get_by_role("button", name="Tilføj note").click()
        expect(phone.locator(".own-note", has_text=text)).to_be_visible()
        assert Insight.objects.get(workshop=workshop).participant == sara

        # The ballot of the open round; her vote is counted.
        phone.goto("/deltager/")
        phone.locator(f"#round-{try_round.pk} a").click()
        expect(heading(phone)).to_have_text(TRY_ROUND["title"])
        expect(phone.locator("#ballot-form fieldset.ballot-option")).to_have_count(7)
        camera.shoot(phone, "deltager-stemmeseddel")
        for number in (2, 5):
            phone.locator(f"#ballot-form input[name=option-{themes[number].pk}]").check()
        phone.get_by_role("button", name="Send din stemme").click()
        expect(phone.locator("#vote-counted")).to_have_text("Tak: din stemme er talt med.")
        expect(phone.get_by_role("button", name="Ændr din stemme")).to_be_visible()
        ballot = Ballot.objects.get(round=try_round, participant=sara)
        assert ballot.values == {str(themes[2].pk): True, str(themes[5].pk): True}
        camera.shoot(phone, "deltager-stemme-talt")

        # The secret round says so before the vote.
        phone.goto("/deltager/")
        phone.locator(f"#round-{secret_round.pk} a").click()
        expect(phone.locator("#ballot-secret")).to_have_text(
            "Hemmelig afstemning: din stemme gemmes uden dit navn og kan ikke ændres, "
            "når den er sendt."
        )
        camera.shoot(phone, "deltager-hemmelig")
    finally:
        context.close()

    camera.assert_complete()
    assert console.csp_violations() == []
    assert console.errors == []


@browser_test
def test_steering_group(full_demo, page, live_server, shots_dir, console):
    camera = Camera(shots_dir, "steering")
    process = demo_process()
    lead = get_user_model().objects.get(email=LEAD_EMAIL)
    approval = approval_submit(
        process=process,
        user=lead,
        base_url=live_server.url,
        note="Til styregruppemødet SG5 den 4. december.",
    )

    # The member opens the link of the e-mail: the request and the decision form.
    login(page, STEERING_EMAIL)
    page.goto(f"{PROCESS_URL}godkendelse/{approval.pk}/")
    expect(heading(page)).to_have_text("Godkendelse af strategien")
    expect(page.locator("#approval-status")).to_contain_text("Afventer styregruppen")
    expect(page.get_by_role("link", name="Hent strategien som PDF")).to_be_visible()
    expect(page.locator("#decision-form input[name=decision]")).to_have_count(2)
    page.get_by_label("Godkend", exact=True).check()
    page.locator("#decision-form [name=comment]").fill("Godkendt på SG5.")
    camera.shoot(page, "styregruppe-godkendelse")

    # Approving makes version 1 with its PDF.
    click_and_wait(
        page, page.get_by_role("button", name="Registrér beslutningen"), RENDER_TIMEOUT_MS
    )
    version = StrategyVersion.objects.get(process=process)
    assert version.number == 1
    expect(heading(page)).to_have_text("Godkendte versioner")
    expect(page.locator("#version-table tbody tr")).to_have_count(1)
    pdf_link = page.get_by_role("link", name="PDF af version 1")
    expect(pdf_link).to_have_attribute("href", f"{PROCESS_URL}versions/1/strategy.pdf")
    download = page.context.request.get(f"{PROCESS_URL}versions/1/strategy.pdf")
    assert download.status == 200
    assert download.body() == bytes(version.pdf)
    assert download.body().startswith(b"%PDF")
    camera.shoot(page, "styregruppe-versioner")

    # The lead changes a theme's objective afterwards; the comparison shows it.
    theme = StrategicTheme.objects.get(process=process, title=THEMES[1][0])
    strategy_services.theme_update(
        theme=theme, data={"objective": "Mere tid til børnene hver dag – målt i 2028."}
    )
    page.locator("#compare-form select[name=old]").select_option("1")
    page.locator("#compare-form select[name=new]").select_option("draft")
    click_and_wait(page, page.get_by_role("button", name="Sammenlign", exact=True))
    expect(heading(page)).to_have_text("Sammenlign versioner")
    expect(page.locator("#changes-themes li.change-changed")).to_have_count(1)
    expect(page.locator("#changes-themes")).to_contain_text("målt i 2028")
    camera.shoot(page, "styregruppe-sammenligning")

    camera.assert_complete()
    assert console.csp_violations() == []
    assert console.errors == []
