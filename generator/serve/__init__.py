"""The local web page: a clerk edits plans in a browser (thidua serve)."""
