"""Qt translations of the desktop client: generate the .ts files from the sources, fill, compile.

    python scripts/translations.py update [AREA...]   # pyside6-lupdate: the areas' zh_CN and en .ts
    python scripts/translations.py todo [AREA]   # English still missing, as JSON {source: ""}
    python scripts/translations.py apply AREA FILE.json   # {source: translation} into AREA's en .ts
    python scripts/translations.py release [AREA...]  # pyside6-lrelease: .ts -> .qm shipped in the package
    python scripts/translations.py check         # exit 1 if a .qm is stale or English is missing

The source language is zh_CN (the strings in self.tr(...) are the Chinese the app ships with), so the
zh_CN files need no translations; en.ts holds the English. One .ts per area (a folder of ui/, plus
"shell" for ui's own modules), so areas can be translated independently. The message catalogue of
the services is separate: opcms_desktop/resources/messages/.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "opcms_desktop" / "ui"
TS_DIR = ROOT / "resources" / "i18n"
QM_DIR = ROOT / "opcms_desktop" / "resources" / "i18n"
LANGUAGES = ("zh_CN", "en")
SOURCE_LANGUAGE = "zh_CN"


def areas() -> dict[str, list[Path]]:
    found = {"shell": sorted(p for p in UI.glob("*.py"))}
    for folder in sorted(p for p in UI.iterdir() if p.is_dir() and not p.name.startswith("_")):
        files = sorted(folder.rglob("*.py"))
        if files:
            found[folder.name] = files
    found["shell"].append(ROOT / "opcms_desktop" / "app.py")
    return found


def ts_path(language: str, area: str) -> Path:
    return TS_DIR / language / f"{area}.ts"


def qm_path(language: str, area: str) -> Path:
    return QM_DIR / language / f"{area}.qm"


def _chosen(names: list[str]) -> dict[str, list[Path]]:
    found = areas()
    unknown = set(names) - set(found)
    if unknown:
        raise SystemExit(f"unknown areas {sorted(unknown)}; known: {sorted(found)}")
    return {k: v for k, v in found.items() if not names or k in names}


def update(names: list[str]) -> None:
    for area, files in _chosen(names).items():
        for language in LANGUAGES:
            target = ts_path(language, area)
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pyside6-lupdate", *map(str, files), "-ts", str(target), "-no-obsolete",
                            "-locations", "none", "-source-language", SOURCE_LANGUAGE,
                            "-target-language", language], check=True, capture_output=True)
            print(f"updated {target.relative_to(ROOT)}")


def _messages(path: Path):
    tree = ET.parse(path)
    for message in tree.getroot().iter("message"):
        yield tree, message


def todo(area: str | None) -> dict[str, str]:
    missing: dict[str, str] = {}
    for name in ([area] if area else areas()):
        path = ts_path("en", name)
        if not path.exists():
            continue
        for _, message in _messages(path):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished" or not (translation.text or ""):
                missing[message.findtext("source") or ""] = ""
    return missing


def apply(area: str, mapping_file: Path) -> int:
    mapping = json.loads(mapping_file.read_text(encoding="utf-8"))
    path = ts_path("en", area)
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        if source in mapping and mapping[source]:
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.text = mapping[source]
            translation.attrib.pop("type", None)
            filled += 1
    _write(tree, path)
    return filled


def _write(tree: ET.ElementTree, path: Path) -> None:
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def release(names: list[str]) -> None:
    for area in _chosen(names):
        for language in LANGUAGES:
            source, target = ts_path(language, area), qm_path(language, area)
            if not source.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pyside6-lrelease", str(source), "-qm", str(target)], check=True, capture_output=True)
            print(f"released {target.relative_to(ROOT)}")


def check() -> list[str]:
    problems = []
    for area in areas():
        for language in LANGUAGES:
            source, target = ts_path(language, area), qm_path(language, area)
            if not source.exists():
                problems.append(f"{source.relative_to(ROOT)} missing: run update")
            elif not target.exists():
                problems.append(f"{target.relative_to(ROOT)} missing: run release")
        missing = todo(area)
        if missing:
            problems.append(f"{area}: {len(missing)} strings without English")
    return problems


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    if command == "update":
        update(argv[1:])
    elif command == "todo":
        print(json.dumps(todo(argv[1] if len(argv) > 1 else None), ensure_ascii=False, indent=1))
    elif command == "apply":
        print(f"filled {apply(argv[1], Path(argv[2]))}")
    elif command == "release":
        release(argv[1:])
    elif command == "check":
        problems = check()
        print("\n".join(problems) or "translations complete")
        return 1 if problems else 0
    else:
        print(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
