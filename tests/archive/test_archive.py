"""export_process / import_process: a round trip of the demo gives the same pages, document,
budget totals and verified versions; tokens and join codes never leave; a damaged, foreign or
tampered archive, or an existing short name, is refused with nothing written."""

import datetime
import difflib
import hashlib
import json
import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from archive.format import (
    NOT_ARCHIVED,
    TABLES,
    archived_fields,
    body_sha256,
    deferred_fields,
    label_of,
)
from reporting import services as reporting_services
from reporting.document import budget_info, build_document, document_data
from reporting.models import StrategyVersion
from strategy.models import Organisation, StrategicTheme, StrategyProcess
from tests.factories import ParticipantFactory, ThemeFactory, VotingRoundFactory
from workshops.models import (
    Participant,
    Participation,
    SecretBallot,
    VotingRound,
    Workshop,
)
from workshops.tokens import hash_token, new_token

DEMO = "digitalisering-0-6"
LEAD = "projektleder@demo.rodovre.dk"
STEERING = "styregruppe@demo.rodovre.dk"
TODAY = datetime.date(2026, 11, 2)


def _demo(settings, tmp_path, monkeypatch, *, real_pdf: bool):
    """The seeded demo with one approved version and personal links issued to every
    participant; returns the process, its archive's path and the issued token hashes. The
    version's PDF is a stub unless `real_pdf` (the archive carries its bytes as they are)."""
    settings.DEBUG = True
    if not real_pdf:
        monkeypatch.setattr(
            reporting_services, "strategy_pdf", lambda document, stamp: b"%PDF-1.7 stub\n%%EOF"
        )
    call_command("seed_demo", verbosity=0)
    process = StrategyProcess.objects.get(slug=DEMO)
    hashes = []
    for participant in Participant.objects.filter(process=process):
        hashes.append(hash_token(new_token()))
        Participant.objects.filter(pk=participant.pk).update(token_hash=hashes[-1])
    users = get_user_model().objects
    approval = reporting_services.approval_submit(
        process=process, user=users.get(email=LEAD), base_url="http://testserver"
    )
    reporting_services.approval_decide(
        approval=approval, user=users.get(email=STEERING), approve=True
    )
    path = tmp_path / "archive.json"
    call_command("export_process", DEMO, str(path), stdout=StringIO())
    return process, path, hashes


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):
    return _demo(settings, tmp_path, monkeypatch, real_pdf=False)


@pytest.fixture
def demo_with_pdf(db, settings, tmp_path, monkeypatch):
    return _demo(settings, tmp_path, monkeypatch, real_pdf=True)


def _counts() -> dict[str, int]:
    counts = {t.label: t.model._default_manager.count() for t in TABLES}
    counts["user"] = get_user_model().objects.count()
    return counts


def _import(path, slug=None) -> StrategyProcess:
    args = ["import_process", str(path)] + (["--slug", slug] if slug else [])
    call_command(*args, stdout=StringIO())
    return StrategyProcess.objects.get(slug=slug) if slug else None


def _normalised(data):
    """Document data with ids and slugs replaced by their order of first appearance, counted
    apart for each place in the structure (a theme key and an initiative key may be equal)."""
    seen: dict[tuple, dict[str, str]] = {}

    def walk(value, path=()):
        if isinstance(value, dict):
            return {k: walk(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, path) for v in value]
        if path and path[-1] in {"key", "theme_key", "slug", "option"} and value is not None:
            numbers = seen.setdefault(path, {})
            return numbers.setdefault(str(value), f"#{len(numbers)}")
        return value

    return walk(data)


TAG = re.compile(r"<[^>]*>")


def _page(client: Client, url: str, slug: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode().replace(slug, "SLUG")
    html = re.sub(r'(nonce|value|content)="[A-Za-z0-9_\-+/=]{20,}"', r'\1="X"', html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken": "X"', html)
    # The audit history is not archived: it starts at the restore (archive.services).
    html = re.sub(
        r'<section[^>]*aria-labelledby="history-heading".*?</section>', "", html, flags=re.S
    )
    # Inside tags, numbers are ids (links, element ids, form values); the text stays exact.
    return TAG.sub(lambda m: re.sub(r"\d+", "N", m.group(0)), html)


def _pages(process: StrategyProcess) -> dict[str, str]:
    client = Client()
    client.force_login(get_user_model().objects.get(email=LEAD))
    kwargs = {"slug": process.slug}
    urls = {
        "overview": reverse("strategy:process.overview", kwargs=kwargs),
        "plan": reverse("actionplan:plan", kwargs=kwargs),
        "budget": reverse("actionplan:budget", kwargs=kwargs),
        "rounds": reverse("workshops:round.list", kwargs=kwargs),
    }
    for n, voting_round in enumerate(
        VotingRound.objects.filter(process=process).order_by("created_at", "id")
    ):
        urls[f"results {n}"] = reverse(
            "workshops:round.results", kwargs={**kwargs, "pk": voting_round.pk}
        )
    return {name: _page(client, url, process.slug) for name, url in urls.items()}


def _assert_same_pages(copy: dict, original: dict) -> None:
    assert copy.keys() == original.keys()
    for name, html in original.items():
        diff = difflib.unified_diff(html.splitlines(), copy[name].splitlines(), lineterm="")
        assert copy[name] == html, f"{name}:\n" + "\n".join(list(diff)[:60])


# --- The format --------------------------------------------------------------------------------


def test_every_model_of_the_content_apps_is_archived_or_left_out_on_purpose():
    archived = {table.label for table in TABLES}
    for app in ("strategy", "workshops", "actionplan", "reporting"):
        for model in apps.get_app_config(app).get_models():
            label = label_of(model)
            if model.__name__.startswith("Historical"):
                continue
            assert label in archived | NOT_ARCHIVED, label


def test_references_to_later_tables_are_nullable_so_they_can_be_set_afterwards():
    for table in TABLES:
        for name in deferred_fields(table):
            assert table.model._meta.get_field(name).null, (table.label, name)
        for field in archived_fields(table):
            if field.is_relation:
                assert field.many_to_one or field.one_to_one, (table.label, field.name)


# --- Round trip --------------------------------------------------------------------------------


def test_round_trip_into_a_new_slug_gives_the_same_pages_totals_and_versions(demo_with_pdf):
    process, path, hashes = demo_with_pdf
    before = _counts()

    copy = _import(path, slug="kopi")

    assert copy.organisation_id == process.organisation_id
    after = _counts()
    for table in TABLES:
        expected = before[table.label] if table.organisation else 2 * before[table.label]
        assert after[table.label] == expected, table.label
    assert after["user"] == before["user"]
    assert _normalised(document_data(build_document(copy, today=TODAY))) == _normalised(
        document_data(build_document(process, today=TODAY))
    )
    assert _normalised(document_data(budget_info(copy))) == _normalised(
        document_data(budget_info(process))
    )
    _assert_same_pages(_pages(copy), _pages(process))

    [original] = StrategyVersion.objects.filter(process=process)
    [restored] = StrategyVersion.objects.filter(process=copy)
    assert bytes(restored.pdf) == bytes(original.pdf)
    assert bytes(original.pdf).startswith(b"%PDF-")
    assert (restored.number, restored.snapshot) == (original.number, original.snapshot)
    assert (restored.content_sha256, restored.pdf_sha256) == (
        original.content_sha256,
        original.pdf_sha256,
    )
    assert restored.approved_at == original.approved_at
    assert restored.approved_by_id == original.approved_by_id
    output = StringIO()
    call_command("verify_versions", stdout=output)
    assert output.getvalue().strip() == "2 version(s) verified."

    # Personal links and join codes stay behind: new codes, no links.
    old = set(Workshop.objects.filter(process=process).values_list("join_code", flat=True))
    new = set(Workshop.objects.filter(process=copy).values_list("join_code", flat=True))
    assert len(new) == len(old) and not new & old
    assert len(hashes) == Participant.objects.filter(process=copy).count()
    assert not Participant.objects.filter(process=copy, token_hash__isnull=False).exists()


def test_restore_with_a_new_organisation_and_a_missing_user(demo):
    process, path, _ = demo
    organisation_slug = process.organisation.slug
    Organisation.objects.filter(pk=process.organisation_id).update(slug="gammel")
    get_user_model().objects.filter(email=STEERING).update(email="flyttet@demo.rodovre.dk")
    before = _counts()

    copy = _import(path, slug="kopi")

    assert copy.organisation_id != process.organisation_id
    assert copy.organisation.slug == organisation_slug
    after = _counts()
    for table in TABLES:
        assert after[table.label] == 2 * before[table.label], table.label
    new_user = get_user_model().objects.get(email=STEERING)
    assert not new_user.has_usable_password()
    assert after["user"] == before["user"] + 1
    assert _normalised(document_data(budget_info(copy))) == _normalised(
        document_data(budget_info(process))
    )
    assert _normalised(document_data(build_document(copy, today=TODAY))) == _normalised(
        document_data(build_document(process, today=TODAY))
    )


def test_the_archive_holds_no_token_hash_and_no_join_code(demo):
    process, path, hashes = demo
    text = path.read_text()

    codes = list(Workshop.objects.filter(process=process).values_list("join_code", flat=True))
    assert hashes and codes
    for secret in hashes + codes:
        assert secret not in text
    body = json.loads(text)["body"]
    assert all(
        "token_hash" not in row["fields"] and "token_issued_at" not in row["fields"]
        for row in body["tables"]["workshops.Participant"]
    )
    assert all("join_code" not in row["fields"] for row in body["tables"]["workshops.Workshop"])
    archive = json.loads(text)
    canonical = json.dumps(
        archive["body"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()
    assert archive["sha256"] == hashlib.sha256(canonical).hexdigest()
    assert (archive["format"], archive["version"]) == ("rodovre-strategy-process-archive", 1)


# --- Refusals ----------------------------------------------------------------------------------


def _rewrite(path, change, *, rehash=True):
    archive = json.loads(path.read_text())
    change(archive["body"])
    if rehash:
        archive["sha256"] = body_sha256(archive["body"])
    path.write_text(json.dumps(archive))


def _first(body, label):
    return body["tables"][label][0]["fields"]


def _set(label, name, value):
    return lambda body: _first(body, label).__setitem__(name, value)


REFUSALS = {
    "not json": (
        lambda path: path.write_bytes(b'{"format": "rodovre'),
        "The file is not a process archive (it is not valid JSON).",
    ),
    "foreign": (
        lambda path: path.write_text(json.dumps({"format": "other", "version": 1})),
        "The file is not a process archive of this application.",
    ),
    "version": (
        lambda path: (
            _rewrite(path, lambda body: None)
            or path.write_text(path.read_text().replace('"version": 1', '"version": 2'))
        ),
        "The archive has format version 2; this application reads version 1.",
    ),
    "tampered": (
        lambda path: _rewrite(
            path, _set("actionplan.CostLine", "amount_1", "999999.00"), rehash=False
        ),
        "The archive is damaged or has been changed: its SHA-256 does not match.",
    ),
    "missing reference": (
        lambda path: _rewrite(path, _set("actionplan.Initiative", "theme", 987654)),
        "The archive is damaged: actionplan.Initiative refers to a missing row (theme).",
    ),
    "missing table": (
        lambda path: _rewrite(path, lambda body: body["tables"].pop("actionplan.Risk")),
        "The archive is damaged: the tables do not match this version of the application.",
    ),
    "bad value": (
        lambda path: _rewrite(path, _set("actionplan.CostLine", "amount_1", "many")),
        "The archive is damaged: the value of actionplan.CostLine.amount_1 cannot be read.",
    ),
    # Valid until the last tables: the rows written before it must be rolled back.
    "invalid late row": (
        lambda path: _rewrite(
            path,
            lambda body: body["tables"]["reporting.StrategyVersion"][0]["fields"].__setitem__(
                "number", -1
            ),
        ),
        "The archive holds a row of reporting.StrategyVersion that is not valid",
    ),
}


def test_a_damaged_foreign_or_tampered_archive_is_refused_and_nothing_is_written(demo):
    """One demo for every case (seeding is slow); each case starts from the good archive."""
    _, path, _ = demo
    good = path.read_bytes()
    before = _counts()
    for case, (damage, message) in REFUSALS.items():
        path.write_bytes(good)
        damage(path)

        # The command speaks the active language; the messages are compared in English.
        with translation.override("en"), pytest.raises(CommandError) as error:
            _import(path, slug="kopi")

        assert str(error.value).startswith(message), case
        assert _counts() == before, case
        assert not StrategyProcess.objects.filter(slug="kopi").exists(), case


def test_an_existing_slug_is_refused(demo):
    _, path, _ = demo
    before = _counts()

    with translation.override("en"), pytest.raises(CommandError) as error:
        _import(path)

    assert str(error.value) == (
        f"A process with the short name {DEMO} already exists; choose another with --slug."
    )
    assert _counts() == before


def test_export_of_an_unknown_process_is_refused(db, tmp_path):
    with (
        translation.override("en"),
        pytest.raises(CommandError, match=r"No process has the short name nope\."),
    ):
        call_command("export_process", "nope", str(tmp_path / "a.json"))
    assert not (tmp_path / "a.json").exists()


def test_secret_ballots_and_participations_are_restored_unlinked_with_new_theme_keys(
    world, tmp_path
):
    themes = [ThemeFactory(process=world.process) for _ in range(2)]
    voting_round = VotingRoundFactory(process=world.process, secret=True, themes=themes)
    voter = ParticipantFactory(process=world.process)
    Participation.objects.create(round=voting_round, participant=voter)
    SecretBallot.objects.create(
        round=voting_round, source="phone", values={str(themes[1].pk): 3, str(themes[0].pk): 2}
    )
    path = tmp_path / "secret.json"
    call_command("export_process", world.process.slug, str(path), stdout=StringIO())

    copy = _import(path, slug="kopi")

    new_themes = {t.title: t.pk for t in StrategicTheme.objects.filter(process=copy)}
    [restored] = SecretBallot.objects.filter(round__process=copy)
    assert restored.values == {
        str(new_themes[themes[1].title]): 3,
        str(new_themes[themes[0].title]): 2,
    }
    [participation] = Participation.objects.filter(round__process=copy)
    assert participation.participant.name == voter.name
    assert participation.participant.process == copy
    assert not SecretBallot.objects.filter(pk=restored.pk, round__process=world.process).exists()
