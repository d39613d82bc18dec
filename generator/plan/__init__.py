"""A plan file: its model and schema, YAML reading and writing, loading, inheritance, expressions, communes tables."""
