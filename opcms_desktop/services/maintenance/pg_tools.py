"""pg_dump / pg_restore for backups of the shared PostgreSQL database (custom format archives).

The password travels in PGPASSWORD, never on the command line; when a tool is not on PATH the
error names what to install and the equivalent command to run by hand.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import make_url

from ..platform.errors import UserError


def libpq_url(url: str) -> str:
    """The URL as libpq reads it: `postgresql://user@host:port/db?...`, without the password."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _environment(url: str) -> dict[str, str]:
    env = dict(os.environ)
    password = make_url(url).password
    if password:
        env["PGPASSWORD"] = str(password)
    return env


def dump_command(url: str, target: Path) -> list[str]:
    return ["pg_dump", "--format=custom", "--file", str(target), "--dbname", libpq_url(url)]


def restore_command(url: str, source: Path) -> list[str]:
    return ["pg_restore", "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
            "--dbname", libpq_url(url), str(source)]


def list_command(source: Path) -> list[str]:
    return ["pg_restore", "--list", str(source)]


def run(command: list[str], url: str | None = None) -> str:
    """Run a PostgreSQL client tool; its standard output. UserError when missing or failing."""
    tool = command[0]
    executable = shutil.which(tool)
    if executable is None:
        raise UserError("maintenance.pg_tool_missing", tool=tool, command=shlex.join(command))
    result = subprocess.run([executable, *command[1:]], capture_output=True, text=True,
                            env=_environment(url) if url else None, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise UserError("maintenance.pg_tool_failed", tool=tool, detail=detail[-1] if detail else result.returncode)
    return result.stdout
