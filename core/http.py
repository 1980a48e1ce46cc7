"""Small request helpers shared by the views of every app."""

from django.http import HttpRequest, QueryDict


def post_data(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST body of a POST (even an empty one, so that it is
    validated and refused), None for any other method (an unbound form)."""
    return request.POST if request.method == "POST" else None


def post_files(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


def form_status(form) -> int:
    """400 for a submitted form with errors, 200 otherwise."""
    return 400 if form.is_bound and form.errors else 200


def add_service_errors(form, exc) -> None:
    """Put a service's ValidationError next to the form's fields (or on the form as a whole)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
