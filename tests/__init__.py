"""graphrepo's test suite (a package, so conftest.py and `python -m tests.servers` import `tests.servers`)."""
