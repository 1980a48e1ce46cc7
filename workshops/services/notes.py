"""Participants' own notes from their phones. A note is an Insight of a workshop, with the
participant's stakeholder group."""

from workshops.models import Insight, Participant, Workshop

# The process, workshop and participant of a note come from the session and the permission
# helper, never from user input; validating them again would cost a query each per note. The
# table's check constraints (a workshop and no interview; not a duplicate of itself) hold by
# construction here, and checking them costs a query per note too: a workshop of 150 phones
# sends notes in bursts.
_TRUSTED = ["process", "workshop", "participant", "interview", "duplicate_of"]


class NotesClosed(Exception):
    """The workshop does not accept notes (planned or closed)."""


def note_create(*, participant: Participant, workshop: Workshop, kind: str, text: str) -> Insight:
    """Add a note by `participant` to `workshop`, which must be open and in their process."""
    if not workshop.accepts_notes:
        raise NotesClosed
    if workshop.process_id != participant.process_id:
        raise ValueError("The workshop belongs to another process.")
    note = Insight(
        process_id=workshop.process_id,
        workshop=workshop,
        participant=participant,
        group=participant.group,
        kind=kind,
        text=text,
    )
    note.full_clean(exclude=_TRUSTED, validate_constraints=False)
    note.save()
    return note


def note_update(*, note: Insight, participant: Participant, kind: str, text: str) -> Insight:
    """Edit one's own note while its workshop is open."""
    if note.participant_id != participant.pk:
        raise ValueError("A participant edits only their own notes.")
    if not note.workshop.accepts_notes:
        raise NotesClosed
    note.kind = kind
    note.text = text
    note.full_clean(exclude=_TRUSTED, validate_constraints=False)
    note.save(update_fields=["kind", "text", "updated_at"])
    return note
