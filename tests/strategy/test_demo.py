"""seed_demo: the Rødovre demo of DOMAIN.md §6, idempotent, refused without DEBUG."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from strategy.enums import OrgUnitKind, Role
from strategy.models import Membership, OrgUnit, ProcessPhase, StrategyProcess


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_seed_demo_creates_the_twenty_institutions_and_dagplejen(seeded):
    institutions = OrgUnit.objects.exclude(kind=OrgUnitKind.DAGPLEJE)
    totals = institutions.aggregate(
        young=Sum("children_0_2"), old=Sum("children_3_5"), rooms=Sum("rooms"), fte=Sum("fte")
    )

    assert institutions.count() == 20
    assert (totals["young"], totals["old"], totals["rooms"], int(totals["fte"])) == (
        588,
        1200,
        105,
        421,
    )
    assert set(institutions.values_list("kind", flat=True)) == {
        OrgUnitKind.BORNEHAVE,
        OrgUnitKind.INTEGRERET,
        OrgUnitKind.VUGGESTUE,
    }
    assert institutions.filter(kind=OrgUnitKind.INTEGRERET).count() == 14
    assert institutions.filter(has_deputy=True).count() == 9
    dagpleje = OrgUnit.objects.get(kind=OrgUnitKind.DAGPLEJE)
    assert (dagpleje.childminders, dagpleje.play_centres) == (56, 3)


def test_seed_demo_creates_the_process_phases_and_demo_logins(seeded):
    process = StrategyProcess.objects.get(slug="digitalisering-0-6")
    roles = dict(
        Membership.objects.filter(
            process=process,
            user__email__in=[
                "projektleder@demo.rodovre.dk",
                "styregruppe@demo.rodovre.dk",
                "bidragyder@demo.rodovre.dk",
                "laeser@demo.rodovre.dk",
            ],
        ).values_list("user__email", "role")
    )

    assert (process.budget_year, process.price_level_year, process.period_label) == (
        2027,
        2027,
        "2027-2030",
    )
    assert ProcessPhase.objects.filter(process=process).count() == 9
    assert roles == {
        "projektleder@demo.rodovre.dk": Role.LEAD,
        "styregruppe@demo.rodovre.dk": Role.STEERING,
        "bidragyder@demo.rodovre.dk": Role.CONTRIBUTOR,
        "laeser@demo.rodovre.dk": Role.VIEWER,
    }
    assert Membership.objects.filter(process=process, role=Role.STEERING).count() == 10
    lead = Membership.objects.get(user__email="projektleder@demo.rodovre.dk").user
    assert lead.check_password("demo")


def test_seed_demo_is_idempotent(seeded):
    counts = (OrgUnit.objects.count(), Membership.objects.count(), ProcessPhase.objects.count())
    history = (OrgUnit.history.count(), ProcessPhase.history.count())

    call_command("seed_demo", verbosity=0)

    assert (
        OrgUnit.objects.count(),
        Membership.objects.count(),
        ProcessPhase.objects.count(),
    ) == counts
    assert (OrgUnit.history.count(), ProcessPhase.history.count()) == history


def test_seed_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="refuses to run when DEBUG is off"):
        call_command("seed_demo")

    assert StrategyProcess.objects.count() == 0


def test_seed_demo_runs_without_debug_when_forced(db, settings):
    settings.DEBUG = False

    call_command("seed_demo", "--force", verbosity=0)

    assert StrategyProcess.objects.filter(slug="digitalisering-0-6").count() == 1
