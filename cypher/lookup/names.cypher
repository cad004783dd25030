// Every name and alias, to suggest the closest when a name is not found.
MATCH (n)
RETURN n.name AS name, coalesce(n.aliases, []) AS aliases
