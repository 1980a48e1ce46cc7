"""The history of an object without any history record is empty (not an error)."""

from strategy.selectors import history_of


def test_history_of_an_object_without_records_is_empty(world):
    world.theme.history.all().delete()

    assert history_of(world.theme) == []
