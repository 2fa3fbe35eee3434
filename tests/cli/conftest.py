import json

import pytest

from opcms_desktop.cli import main

ADMIN_PASSWORD = "Adm1n-secret-2026"


class Cli:
    """Runs `opcms` in-process against one database, returning (exit code, parsed JSON or text, stderr)."""

    def __init__(self, url, capsys, monkeypatch):
        self.url, self.capsys, self.monkeypatch = url, capsys, monkeypatch

    def __call__(self, *args, user=None, password=None, env=None, lang="en"):
        for key, value in (env or {}).items():
            self.monkeypatch.setenv(key, value)
        if password is not None:
            self.monkeypatch.setenv("OPCMS_PASSWORD", password)
        argv = ["--db", self.url] + (["--lang", lang] if lang else []) + (["--user", user] if user else []) + list(args)
        self.capsys.readouterr()
        code = main(argv)
        out, err = self.capsys.readouterr()
        try:
            data = json.loads(out) if out.strip() else None
        except json.JSONDecodeError:
            data = out
        return code, data, err

    def as_admin(self, *args, **kw):
        return self(*args, user="admin", password=ADMIN_PASSWORD, **kw)


@pytest.fixture
def cli_db_url(backend, tmp_path):
    from ..conftest import dispose_database, new_database_url

    url = new_database_url(backend, tmp_path)
    yield url
    dispose_database(backend, url)


@pytest.fixture
def cli(cli_db_url, capsys, monkeypatch):
    monkeypatch.delenv("OPCMS_DB", raising=False)
    return Cli(cli_db_url, capsys, monkeypatch)


@pytest.fixture
def initialised_cli(cli):
    code, data, err = cli("init", "--no-pg-security", "--json", env={"OPCMS_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert code == 0, err
    return cli
