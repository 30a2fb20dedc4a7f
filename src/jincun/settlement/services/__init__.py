"""The writes of settlement, one function per action (see each module)."""
