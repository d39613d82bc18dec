"""From a validated plan to document text and bytes: wording, issuer and signer lines, template context, rendering."""
