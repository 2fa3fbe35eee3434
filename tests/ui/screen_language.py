"""Walk every screen of scripts/screenshots.py in one language and list the texts in the other one.

English screens may show Chinese only as data (customer names, notes: whatever the demo database
holds); Chinese screens may show no English sentence (three or more English words in a row) unless it
is data or a product name.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
CJK_RUN = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]+")
ENGLISH_SENTENCE = re.compile(r"[A-Za-z][a-z]+(?:[ ,'’-]+[A-Za-z][a-z]+){2,}")
# Names that stay as they are in every language.
PATH = re.compile(r"\S*[/\\]\S*")  # file paths and URLs are data
QUOTED = re.compile(r'"[^"]*"|“[^”]*”')  # a name the user gave (a sheet, a file) echoed back in quotes
COMMAND = re.compile(r"\bopcms(?: [a-z][a-z-]*)+")  # a command line is typed as it is in every language
PROPER_NAMES = ("OP_CMS", "SQLite", "PostgreSQL", "Excel", "Qt for Python", "中文（简体）", "English")


def shot_texts(language: str, shots: list[str] | None = None) -> list[dict]:
    # a smaller demo database: these walks read the screens' texts, the pictures keep the full demo
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OPCMS_BCRYPT_ROUNDS="4", OPCMS_SHOTS_DEMO="200,13")
    done = subprocess.run([sys.executable, str(SCRIPTS / "screenshots.py"), *(shots or []), "--lang", language,
                           "--texts"],
                          capture_output=True, text=True, env=env, timeout=600, check=False)
    shots = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and shots, f"screenshots.py failed:\n{done.stderr[-3000:]}"
    return shots


def _is_data(fragment: str, data: list[str]) -> bool:
    return any(fragment in word for word in data)


def foreign_texts(shots: list[dict], language: str) -> list[str]:
    wrong = []
    for shot in shots:
        data = shot["data"]
        for where, text in shot["texts"]:
            cleaned = COMMAND.sub(" ", QUOTED.sub(" ", PATH.sub(" ", text)))
            for name in PROPER_NAMES:
                cleaned = cleaned.replace(name, " ")
            if language == "en":
                bad = [run for run in CJK_RUN.findall(cleaned) if not _is_data(run, data)]
            else:
                bad = [m for m in ENGLISH_SENTENCE.findall(cleaned) if not _is_data(m, data)]
            if bad:
                wrong.append(f"{shot['shot']}: {where}: {text[:90]!r}")
    return sorted(set(wrong))


if __name__ == "__main__":
    # python -m tests.ui.screen_language en [SHOT ...]: the foreign texts of those shots, one a line
    language, names = sys.argv[1], sys.argv[2:]
    print("\n".join(foreign_texts(shot_texts(language, names or None), language)) or "clean")
