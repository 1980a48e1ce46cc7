"""Every endpoint costs the same number of queries with 1× and 5× the data."""

import pytest
from django.urls import reverse

from tests.api.conftest import add_initiative, closed_round
from tests.factories import ThemeFactory

# token (1) + process (1) + count (1) + rows (1) [+ prefetch]
EXPECTED = {
    "process.list": 3,
    "process.detail": 2,
    "theme.list": 5,
    "round.list": 4,
    "initiative.list": 4,
    "budget": 3,
}


def grow(api, factor: int) -> None:
    process = api.world.process
    for n in range(factor):
        theme = ThemeFactory(process=process, title=f"Vækst {n}")
        closed_round(process, [theme, api.theme_b], [{theme: 5, api.theme_b: 0}])
        add_initiative(theme, 1)
        add_initiative(api.theme_b, 10 + n)


@pytest.mark.parametrize("factor", [1, 5])
@pytest.mark.parametrize("name", list(EXPECTED))
def test_query_count(api, django_assert_num_queries, factor, name):
    grow(api, factor)
    kwargs = {} if name == "process.list" else {"slug": api.world.process.slug}
    url = reverse(f"api:{name}", kwargs=kwargs)
    client = api.client()
    client.get(url)  # records last_used_at: later requests only read

    with django_assert_num_queries(EXPECTED[name]):
        response = client.get(url)

    assert response.status_code == 200
