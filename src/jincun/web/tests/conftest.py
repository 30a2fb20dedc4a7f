"""Page-test fixtures: `login` lives in the project conftest (`jincun/conftest.py`), shared by every app."""
