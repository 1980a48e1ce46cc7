"""Default content of the workshops app, in Danish (stored in the database, not translated)."""

# The e-mail that sends each participant their personal link. The lead edits it per process
# (LinkInvitation); {navn} and {link} are replaced for each participant.
LINK_INVITATION_SUBJECT = "Dit personlige link til strategiprocessen"

LINK_INVITATION_BODY = """Kære {navn}

Du er inviteret til at bidrage til vores strategiproces. På workshoppene skriver du dine
udfordringer, muligheder og idéer direkte på din telefon, og senere kan du være med til at
prioritere de strategiske temaer.

Åbn dit personlige link på din telefon:

{link}

Du skal ikke oprette en bruger eller huske en adgangskode. Linket er personligt, så del det
ikke med andre. Hvis du får et nyt link, holder det gamle op med at virke.

Venlig hilsen
Projektgruppen
"""
