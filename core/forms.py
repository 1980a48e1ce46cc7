"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Django's multiple choice of rows, refusing a key beyond the database's 64-bit integers
    with its invalid_pk_value message: SQLite raises OverflowError for such a key in the `pk__in`
    lookup of Django's own check (a 500 instead of a message; found by the fuzzing tests)."""

    ID_RANGE = range(-(2**63), 2**63)

    def _check_values(self, value):
        for key in value:
            try:
                number = int(str(key))
            except ValueError:
                continue  # Django's check reports it as an invalid value
            if number not in self.ID_RANGE:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": key},
                )
        return super()._check_values(value)
