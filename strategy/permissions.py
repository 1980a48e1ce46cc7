"""The one permission helper. Every view fetches its objects through these functions.

A process is visible only to its members; anything else (another process, another
organisation, a missing object) answers 404, so the existence of an object is never revealed.
A member whose role does not grant the permission a view needs gets 403.

Roles grant permissions as below; views ask for a permission, never for a role.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from strategy.enums import Role
from strategy.models import Membership, OrgUnit, ProcessPhase, StrategyProcess


class Perm(StrEnum):
    VIEW = "view"  # read everything in the process
    EDIT = "edit"  # edit content: institutions, themes, initiatives, cost lines, ...
    MANAGE = "manage"  # process settings, phases, members and roles
    MINUTES = "minutes"  # steering-group meetings, minutes and the decision log
    DECIDE = "decide"  # approve or reject a version of the strategy


ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.LEAD: frozenset({Perm.VIEW, Perm.EDIT, Perm.MANAGE, Perm.MINUTES}),
    Role.CONTRIBUTOR: frozenset({Perm.VIEW, Perm.EDIT}),
    Role.STEERING: frozenset({Perm.VIEW, Perm.MINUTES, Perm.DECIDE}),
    Role.VIEWER: frozenset({Perm.VIEW}),
}


def role_has(role: str | None, perm: Perm) -> bool:
    return role is not None and perm in ROLE_PERMISSIONS.get(role, frozenset())


def get_process_for_user(user, slug: str, perm: Perm = Perm.VIEW) -> StrategyProcess:
    """The process with this slug if `user` is a member; 404 otherwise, 403 without `perm`.

    The returned process carries `membership` (the user's Membership) and `perms` (a frozenset
    of Perm) for templates: `{% if "edit" in process.perms %}`.
    """
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("process__organisation")
        .filter(user=user, process__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404
    if not role_has(membership.role, perm):
        raise PermissionDenied
    process = membership.process
    process.membership = membership
    process.perms = ROLE_PERMISSIONS[membership.role]
    return process


def get_object_in_process(queryset: QuerySet, process: StrategyProcess, **lookup) -> Model:
    """An object that belongs to `process` (through a `process` foreign key); 404 otherwise."""
    try:
        return queryset.get(process=process, **lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_org_unit_for_user(user, slug: str, pk: int, perm: Perm = Perm.VIEW):
    """An institution of the process's organisation, with the process it was reached through."""
    process = get_process_for_user(user, slug, perm)
    try:
        unit = OrgUnit.objects.get(organisation_id=process.organisation_id, pk=pk)
    except OrgUnit.DoesNotExist as exc:
        raise Http404 from exc
    return process, unit


def get_phase_for_user(user, slug: str, pk: int, perm: Perm = Perm.VIEW):
    process = get_process_for_user(user, slug, perm)
    phase = get_object_in_process(ProcessPhase.objects.all(), process, pk=pk)
    return process, phase
