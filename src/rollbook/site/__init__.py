"""A whole site's data at once: export, import and purge, above both reports and gadgets."""
