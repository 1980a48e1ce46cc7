"""The read-only API: every endpoint with exact values, the organisation boundary, tokens,
methods and throttling."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from rest_framework.fields import DateTimeField
from rest_framework.settings import api_settings

from actionplan.budget_selectors import budget_basis
from api import services as api_services
from api.models import ApiToken
from workshops.models import VotingRound


def url(name: str, api=None, **kwargs) -> str:
    if api is not None:
        kwargs["slug"] = api.world.process.slug
    return reverse(f"api:{name}", kwargs=kwargs)


def figures(kroner: list[str], thousands: list[int], total: str, total_thousands: int) -> dict:
    return {
        "kroner": kroner,
        "thousands": thousands,
        "total_kroner": total,
        "total_thousands": total_thousands,
    }


def test_process_list_shows_only_the_token_organisation(api):
    process = api.world.process

    response = api.client().get(url("process.list"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": process.pk,
                "slug": process.slug,
                "title": process.title,
                "organisation": process.organisation.slug,
                "area": "Dagtilbud 0-6 år",
                "status": "draft",
                "period_start": 2027,
                "period_end": 2030,
                "budget_year": 2027,
                "price_level_year": 2027,
                "theme_label": "tema",
                "plan_label": "handleplan",
            }
        ],
    }


def test_process_detail(api):
    response = api.client().get(url("process.detail", api))

    assert response.status_code == 200
    assert response.json()["slug"] == api.world.process.slug
    assert response.json()["organisation"] == api.world.process.organisation.slug


def test_themes_in_priority_order_with_the_deciding_decision(api):
    theme, theme_b, decision = api.world.theme, api.theme_b, api.decision
    decision_json = {"id": decision.pk, "date": "2026-04-02", "text": decision.text}

    response = api.client().get(url("theme.list", api))

    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "id": theme.pk,
            "title": "Digitale værktøjer",
            "status": "prioritised",
            "priority_rank": 1,
            "phase": "1",
            "priority_decision": decision_json,
            "merged_into": [],
        },
        {
            "id": theme_b.pk,
            "title": "Kompetencer",
            "status": "prioritised",
            "priority_rank": 2,
            "phase": "2",
            "priority_decision": decision_json,
            "merged_into": [],
        },
    ]


def test_rounds_closed_only_with_frozen_results_and_no_ballots(api):
    adopted = VotingRound.objects.get(pk=api.adopted_round.pk)
    secret = VotingRound.objects.get(pk=api.secret_round.pk)

    response = api.client().get(url("round.list", api))

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [adopted.pk, secret.pk]  # not the open or draft round
    first = rows[0]
    assert first["opened_at"] == DateTimeField().to_representation(adopted.opened_at)
    assert {k: v for k, v in first.items() if k not in ("result", "opened_at", "closed_at")} == {
        "id": adopted.pk,
        "title": "Prioritering på workshop 1",
        "question": "",
        "method": "points",
        "mode": "registered",
        "secret": False,
        "workshop": None,
        "ballot_count": 2,
        "option_count": 2,
        "adopted_decision_id": api.decision.pk,
    }
    assert first["result"] == adopted.frozen_result
    theme_key, b_key = str(api.world.theme.pk), str(api.theme_b.pk)
    assert [
        (o["option"], o["rank"], o["score"], o["supporters"], o["share"])
        for o in first["result"]["options"]
    ] == [
        (theme_key, 1, 8, 2, "0.8000"),
        (b_key, 2, 2, 1, "0.2000"),
    ]
    # Groups below the minimum size show no numbers; no participant is named anywhere.
    assert first["result"]["groups"] == [
        {
            "group": "medarbejder",
            "ballot_count": 2,
            "shown": False,
            "hidden_reason": "small",
            "options": [],
            "order": [],
        }
    ]
    assert rows[1]["secret"] is True
    assert rows[1]["result"] == secret.frozen_result
    assert rows[1]["ballot_count"] == 1
    body = response.content.decode()
    assert "Deltager" not in body
    assert "participant" not in body


def test_initiatives_in_plan_order(api):
    theme, theme_b = api.world.theme, api.theme_b

    response = api.client().get(url("initiative.list", api))

    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "id": api.initiative.pk,
            "number": "1.1",
            "title": "Tablets til stuerne",
            "theme": {"id": theme.pk, "title": "Digitale værktøjer"},
            "status": "in_progress",
            "traffic_light": "yellow",
            "phase": "1",
            "owner": "Dagtilbudschef",
            "start_date": "2027-01-15",
            "end_date": "2028-11-30",
            "period": "K1 2027 – K4 2028",
            "in_budget_request": True,
        },
        {
            "id": api.initiative_b.pk,
            "number": "2.1",
            "title": "Kursus i it-sikkerhed",
            "theme": {"id": theme_b.pk, "title": "Kompetencer"},
            "status": "not_started",
            "traffic_light": "green",
            "phase": "",
            "owner": "",
            "start_date": None,
            "end_date": None,
            "period": "",
            "in_budget_request": False,
        },
    ]


def test_budget_basis_all(api):
    purchase, mdm, paper = api.lines

    response = api.client().get(url("budget", api))

    assert response.status_code == 200
    data = response.json()
    first = figures(
        ["61500.49", "62500.50", "60000.50", "60000.50"], [62, 63, 60, 60], "244001.99", 244
    )
    second = figures(["0.00", "-1500.00", "0.00", "0.00"], [0, -2, 0, 0], "-1500.00", -2)
    assert data["themes"] == [
        {
            "id": api.world.theme.pk,
            "title": "Digitale værktøjer",
            "priority_rank": 1,
            "initiatives": [
                {
                    "id": api.initiative.pk,
                    "number": "1.1",
                    "title": "Tablets til stuerne",
                    "lines": [
                        {
                            "id": purchase.pk,
                            "label": "Indkøb af tablets",
                            "kind": "anlaeg",
                            "recurrence": "one_off",
                            "financing": "budget_request",
                            "generated": False,
                            "figures": figures(
                                ["1499.99", "2500.00", "0.00", "0.00"], [1, 3, 0, 0], "3999.99", 4
                            ),
                        },
                        {
                            "id": mdm.pk,
                            "label": "MDM-licenser",
                            "kind": "drift",
                            "recurrence": "recurring",
                            "financing": "budget_request",
                            "generated": False,
                            "figures": figures(["60000.50"] * 4, [60] * 4, "240002.00", 240),
                        },
                    ],
                    "subtotal": first,
                }
            ],
            "subtotal": first,
        },
        {
            "id": api.theme_b.pk,
            "title": "Kompetencer",
            "priority_rank": 2,
            "initiatives": [
                {
                    "id": api.initiative_b.pk,
                    "number": "2.1",
                    "title": "Kursus i it-sikkerhed",
                    "lines": [
                        {
                            "id": paper.pk,
                            "label": "Sparet papir",
                            "kind": "drift",
                            "recurrence": "one_off",
                            "financing": "offset",
                            "generated": False,
                            "figures": second,
                        }
                    ],
                    "subtotal": second,
                }
            ],
            "subtotal": second,
        },
    ]
    total = figures(
        ["61500.49", "61000.50", "60000.50", "60000.50"], [62, 61, 60, 60], "242501.99", 243
    )
    assert data["total"] == total
    assert data["anlaeg"] == figures(
        ["1499.99", "2500.00", "0.00", "0.00"], [1, 3, 0, 0], "3999.99", 4
    )
    assert data["drift"] == figures(
        ["60000.50", "58500.50", "60000.50", "60000.50"], [60, 59, 60, 60], "238502.00", 239
    )
    assert data["recurring"] == figures(["60000.50"] * 4, [60] * 4, "240002.00", 240)
    assert data["one_off"] == figures(
        ["1499.99", "1000.00", "0.00", "0.00"], [1, 1, 0, 0], "2499.99", 2
    )
    assert [(row["financing"], row["figures"]) for row in data["by_financing"]] == [
        ("budget_request", first),
        ("offset", second),
    ]
    assert {k: data[k] for k in ("process", "scenario", "years", "price_level_year")} == {
        "process": api.world.process.slug,
        "scenario": "all",
        "years": [2027, 2028, 2029, 2030],
        "price_level_year": 2027,
    }
    assert (data["line_count"], data["generated_count"]) == (3, 0)
    assert data["max_rounding_difference"] == "1.5"


def test_budget_basis_matches_the_budget_page_selector(api):
    """The same numbers as actionplan.budget_selectors.budget_basis, scenario by scenario."""
    for scenario in ("all", "phase1", "request"):
        basis = budget_basis(api.world.process, scenario)

        data = api.client().get(url("budget", api), {"scenario": scenario}).json()

        assert data["scenario"] == scenario
        assert data["total"]["thousands"] == basis.total.thousands
        assert [Decimal(v) for v in data["total"]["kroner"]] == basis.total.kroner
        assert data["line_count"] == basis.line_count


def test_budget_scenario_phase1_leaves_out_phase_2(api):
    data = api.client().get(url("budget", api), {"scenario": "phase1"}).json()

    assert [theme["id"] for theme in data["themes"]] == [api.world.theme.pk]
    assert data["total"]["total_kroner"] == "244001.99"


def test_budget_unknown_scenario_is_400(api):
    response = api.client().get(url("budget", api), {"scenario": "everything"})

    assert response.status_code == 400
    assert list(response.json()) == ["scenario"]


# --- The organisation boundary and tokens ---------------------------------------------------

PROCESS_URLS = ["process.detail", "theme.list", "round.list", "initiative.list", "budget"]


@pytest.mark.parametrize("name", PROCESS_URLS)
def test_a_foreign_organisation_token_gets_404(api, name):
    response = api.client(api.other_key).get(url(name, api))

    assert response.status_code == 404
    assert response.json() == {"detail": response.json()["detail"]}


@pytest.mark.parametrize("name", PROCESS_URLS)
def test_own_token_cannot_reach_another_organisation_process(api, name):
    response = api.client().get(url(name, slug=api.world.other_process.slug))

    assert response.status_code == 404


def test_the_foreign_token_lists_only_its_own_process(api):
    data = api.client(api.other_key).get(url("process.list")).json()

    assert [row["slug"] for row in data["results"]] == [api.world.other_process.slug]


@pytest.mark.parametrize("name", ["process.list", *PROCESS_URLS])
def test_no_token_is_401(api, name):
    kwargs = {} if name == "process.list" else {"slug": api.world.process.slug}

    response = api.client("").get(url(name, **kwargs))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_revoked_token_is_401(api):
    api_services.token_revoke(token=api.token)

    response = api.client().get(url("process.list"))

    assert response.status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wrong-key",
        "Bearer",
        "Bearer a b",
        "Token x",
        "Basic dXNlcjpwdw==",
        "Bearer " + "x" * 300,
    ],
)
def test_a_wrong_header_is_401(api, header):
    response = api.client("").get(url("process.list"), headers={"Authorization": header})

    assert response.status_code == 401


def test_a_logged_in_session_is_not_enough(api):
    client = api.world.client_for("lead")

    response = client.get(url("process.list"))

    assert response.status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_405(api, method):
    response = getattr(api.client(), method)(url("theme.list", api), {"title": "x"})

    assert response.status_code == 405
    assert api.world.process.themes.count() == 2


def test_head_and_options_are_allowed(api):
    assert api.client().head(url("process.list")).status_code == 200
    assert api.client().options(url("process.list")).status_code == 200


def test_the_key_is_stored_only_as_its_hash(api):
    token = ApiToken.objects.get(pk=api.token.pk)

    assert token.key_hash == api_services.hash_key(api.key)
    assert api.key not in {token.name, token.key_hash}
    assert len(token.key_hash) == 64


def test_last_used_is_recorded(api):
    assert ApiToken.objects.get(pk=api.token.pk).last_used_at is None

    api.client().get(url("process.list"))

    assert ApiToken.objects.get(pk=api.token.pk).last_used_at is not None


def test_pagination(api):
    response = api.client().get(url("theme.list", api), {"page_size": 1, "page": 2})

    data = response.json()
    assert data["count"] == 2
    assert [row["id"] for row in data["results"]] == [api.theme_b.pk]
    assert data["next"] is None
    assert data["previous"].endswith("page_size=1")


def test_throttled_per_token(api):
    cache.clear()
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api_token": "3/minute"}
    with override_settings(REST_FRAMEWORK={**_rest_framework(), "DEFAULT_THROTTLE_RATES": rates}):
        statuses = [api.client().get(url("process.list")).status_code for _n in range(4)]
        other = api.client(api.other_key).get(url("process.list")).status_code
    cache.clear()

    assert statuses == [200, 200, 200, 429]
    assert other == 200  # another token has its own budget


def _rest_framework() -> dict:
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


def test_schema_is_public_json(client):
    response = client.get(url("schema"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == [
        "/api/v1/processes/",
        "/api/v1/processes/{slug}/",
        "/api/v1/processes/{slug}/budget/",
        "/api/v1/processes/{slug}/initiatives/",
        "/api/v1/processes/{slug}/rounds/",
        "/api/v1/processes/{slug}/themes/",
    ]
    assert schema["components"]["securitySchemes"] == {
        "bearerToken": {
            "type": "http",
            "scheme": "bearer",
            "description": "An organisation's API token: `Authorization: Bearer <key>`.",
        }
    }
