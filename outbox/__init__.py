"""Every message Plenary sends: recorded, sent after commit, retried, and shown to staff."""
