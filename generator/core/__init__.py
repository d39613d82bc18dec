"""Domain facts at the bottom of the house: errors, characters, number and date formats, ND30 sizes, issuer families, the calendar."""
