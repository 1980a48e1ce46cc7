"""URLs of the benchmark server only (bench/run.py starts gunicorn with ROOT_URLCONF=bench.urls).

The project's URLs, plus `POST /bench/minimal/`: the cheapest Django view that writes, the
baseline of `ratio_p50_vs_minimal_insert` in the vote_burst benchmark. It goes through the same
middleware as every other request (no session is loaded: it never touches `request.session`)
and inserts one row into `bench_minimal_insert`, a table that bench/run.py creates before the
server starts. It is exempt from CSRF and is never part of the real site.
"""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from rodovre_strategy.urls import (  # noqa: F401 - Django looks the error handlers up here
    handler400,
    handler403,
    handler404,
    handler500,
)
from rodovre_strategy.urls import urlpatterns as project_urlpatterns

MINIMAL_TABLE = "bench_minimal_insert"


@csrf_exempt
@require_POST
def minimal_insert(request):
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {MINIMAL_TABLE} (created_at) VALUES (now())")  # noqa: S608
    return HttpResponse(status=204)


urlpatterns = [
    path("bench/minimal/", minimal_insert, name="bench.minimal"),
    *project_urlpatterns,
]
