"""History: who changed what in the back office, field by field (README, "History").

django-simple-history keeps a change record of each save of the models that declare
`history = HistoricalRecords()`; `timeline` reads them for the admin's History pages (`admin`),
`receivers` keeps them true to erasures, merges and services, and names who acted.
"""
