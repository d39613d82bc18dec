"""The operating system: atomic files, processes, git, LibreOffice."""
