"""First run: the welcome screen and its guided path."""
