// LadybugDB: the internal number and name of each node table (one per label).
CALL show_tables()
WHERE type = 'NODE'
RETURN id, name
