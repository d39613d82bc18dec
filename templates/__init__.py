"""The shipped Word templates and the plan schema (package data: generator.templates)."""
