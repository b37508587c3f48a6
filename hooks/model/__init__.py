"""The data model and its reading: strict YAML, the schemas, figures and texts, plans and their typed sections."""
