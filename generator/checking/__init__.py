"""`thidua check`: conformance of any .docx with ND30 (and HD 36, HD 29)."""
