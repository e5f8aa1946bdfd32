"""A warm handoff: a volunteer from the group says hello before the first meeting."""
