"""Directory tables (fellowships, groups, meetings): filled in by the directory work."""
