"""The `thidua` command line: a thin layer that imports what each command needs when it runs."""
