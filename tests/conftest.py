"""Fixtures shared by the whole suite, including the fixed persona set for permissions."""

from dataclasses import dataclass

import pytest
from django.test import Client

from strategy.enums import Role
from tests.factories import (
    DecisionFactory,
    DeliverableFactory,
    InsightFactory,
    InterviewFactory,
    MeetingFactory,
    MembershipFactory,
    OrgUnitFactory,
    ParticipantFactory,
    PhaseFactory,
    ProcessFactory,
    ThemeFactory,
    UserFactory,
    VisionRevisionFactory,
    WorkshopFactory,
)

PERSONAS = ("anonymous", "outsider", "viewer", "contributor", "steering", "lead")


@dataclass
class World:
    """A process with one member per role, an outsider, and a process of another organisation."""

    process: object
    phase: object
    deliverable: object
    extra_membership: object
    org_unit: object
    users: dict
    other_process: object
    other_phase: object
    other_org_unit: object
    # Issue 3: one of each, here and in the other organisation's process.
    theme: object = None
    vision: object = None
    meeting: object = None
    decision: object = None
    participant: object = None
    interview: object = None
    workshop: object = None
    insight: object = None
    interview_insight: object = None
    other: dict = None

    def client_for(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


@pytest.fixture
def world(db) -> World:
    process = ProcessFactory()
    users = {"outsider": UserFactory(email="outsider@example.dk")}
    for role in (Role.VIEWER, Role.CONTRIBUTOR, Role.STEERING, Role.LEAD):
        user = UserFactory(email=f"{role}@example.dk")
        MembershipFactory(process=process, user=user, role=role)
        users[str(role)] = user
    other = ProcessFactory()
    # The outsider leads another organisation's process: membership there must not leak here.
    MembershipFactory(process=other, user=users["outsider"], role=Role.LEAD)
    phase = PhaseFactory(process=process, number=1)
    world = World(
        process=process,
        phase=phase,
        deliverable=DeliverableFactory(phase=phase),
        extra_membership=MembershipFactory(process=process, role=Role.VIEWER),
        org_unit=OrgUnitFactory(organisation=process.organisation),
        users=users,
        other_process=other,
        other_phase=PhaseFactory(process=other, number=1),
        other_org_unit=OrgUnitFactory(organisation=other.organisation),
    )
    world.other = {}
    for target, proc in ((world, process), (world.other, other)):
        theme = ThemeFactory(process=proc)
        workshop = WorkshopFactory(process=proc)
        interview = InterviewFactory(process=proc)
        meeting = MeetingFactory(process=proc, number=1)
        objects = {
            "theme": theme,
            "vision": VisionRevisionFactory(process=proc, number=1),
            "meeting": meeting,
            "decision": DecisionFactory(process=proc, meeting=meeting),
            "participant": ParticipantFactory(process=proc),
            "interview": interview,
            "workshop": workshop,
            "insight": InsightFactory(workshop=workshop),
            "interview_insight": InsightFactory(process=proc, workshop=None, interview=interview),
        }
        for name, obj in objects.items():
            if target is world:
                setattr(world, name, obj)
            else:
                world.other[name] = obj
    return world


@pytest.fixture
def lead_client(world) -> Client:
    return world.client_for("lead")
