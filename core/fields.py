"""Model fields shared by the apps."""

from django.core.validators import MaxLengthValidator
from django.db import models


class BoundedTextField(models.TextField):
    """A TextField whose max_length is enforced by model validation (full_clean), not only by
    the form widget as Django's TextField does. Every long text in the project has a limit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))
