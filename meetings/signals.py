"""What meetings tells the apps above it about people, so each moves or erases its own rows.

meetings cannot import participants or papers (they depend on it); they connect receivers here
instead, in their AppConfig.ready().
"""

from django.dispatch import Signal

# Sent inside the merge's transaction, before `merged` is deleted, with kept=, merged= and by=.
# A receiver moves its rows that point at `merged` to `kept` and returns a list of lines saying
# what it moved ("2 nominations"), for the merge's record.
person_merged = Signal()

# Sent with person=, by= and apply=. A receiver returns a list of lines saying what erasing the
# person's data changes in its rows ("E-mail and phone of 2 nominations"); with apply=True it
# also makes those changes, inside the erase's transaction. The confirmation page shows the lines
# of a call with apply=False, so it lists exactly what the erase will do.
person_erasing = Signal()

# Sent inside meeting_clone()'s transaction with original=, copy=, offset= (a timedelta: every
# date of the copy is this much later), by= and options= (a dict of what the staff member chose
# on the clone form; "copy_documents": True when they ticked "Also copy the documents", which
# papers answers). A receiver copies its own rows of `original` to `copy` (participants: the
# registration window, moved by `offset`; papers: the Secretariat's documents as drafts, when
# asked) and returns a list of lines saying what it copied, for the copy's record.
meeting_cloned = Signal()
