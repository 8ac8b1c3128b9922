"""Released versions of a meeting's "Organization of work" (pretalx calls them schedule releases).

snapshot.py turns the Programme that build_programme makes into plain JSON and back; changes.py
says what changed between two snapshots; services.py releases a version and keeps snapshots true
to an erased or merged person.
"""
