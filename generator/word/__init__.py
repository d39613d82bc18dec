"""The single reader of Word files, used by import, check, text and the .docx diff."""
