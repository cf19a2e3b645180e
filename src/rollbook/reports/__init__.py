"""Reports: the report definitions a tenant's users save, share, export and import."""
