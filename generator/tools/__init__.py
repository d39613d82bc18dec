"""Plan tools over loaded plans: lint, diff, new-year."""
