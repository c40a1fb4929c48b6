"""Keep the app's Qt translations current: ``python tools/translations.py [--check]``.

1. ``pyside6-lupdate`` reads every ``tr()`` / ``QCoreApplication.translate("Ctx", ...)`` /
   ``QT_TRANSLATE_NOOP("Ctx", ...)`` in ``ui/``.
2. lupdate files a module-level ``tr("text")`` helper's strings under the empty context (it
   cannot see that ``def tr(text): return i18n.translate("Caseload", text)`` adds one). This
   script puts each of them in the context of the module it was found in, read from that helper
   (or from the module it imports ``tr`` from: the wizard's pages use ui/wizard/widgets.py's,
   context "Wizard"), so the catalogue has the contexts the app asks for at run time.
3. The translations already in ``resources/translations/iep_desktop_es.ts`` are kept by (context,
   source); a new or changed source text comes in ``unfinished``; texts gone from the source are
   dropped. The file has no line numbers, so moving code does not change it.
4. ``pyside6-lrelease`` compiles it to ``iep_desktop_es.qm`` (committed; the app loads that).

``--check`` changes nothing and exits 1 when the ``.ts`` is not what the source gives, has an
unfinished translation, or the ``.qm`` is not compiled from the ``.ts`` (the tests run it).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("es",)
BASENAME = "iep_desktop"

# def tr(text: str) -> str:
#     return QCoreApplication.translate("Caseload", text)      (or ui.i18n.translate("Caseload", text))
_MODULE_CONTEXT = re.compile(r"def tr\([^)]*\)[^:]*:\s*\n\s*return\s+[\w.]*translate\(\s*\"([^\"]+)\"\s*,\s*\w+\s*\)")
# TR_CONTEXT = "Wizard"   (a module whose tr() builds a text object that looks itself up there)
_DECLARED_CONTEXT = re.compile(r"^TR_CONTEXT\s*(?::\s*\w+\s*)?=\s*\"([^\"]+)\"", re.MULTILINE)
# from ui.wizard.widgets import (..., tr, ...): the context of the module tr() comes from
_IMPORTED_TR = re.compile(r"^from\s+(ui(?:\.\w+)+)\s+import\s+(\([^)]*\)|[^\n]*)", re.MULTILINE)
_BAD_NOOP = re.compile(r"(?<!def )QT_TRANSLATE_NOOP\((?!\s*[\"'])")  # lupdate drops a context that is not a literal
_F_STRING_TR = re.compile(r"\btr\(\s*f[\"']")  # translators must see the whole sentence, not its pieces


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str = ""
    finished: bool = False


def tool(name: str) -> str:
    """A PySide6 tool next to this Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install the project's dev dependencies (bash .ci/setup)")
    return found


def source_files() -> list[Path]:
    return sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


def module_context(path: Path, seen: frozenset[Path] = frozenset()) -> str | None:
    """The context a module's bare ``tr("...")`` is looked up under at run time, or None."""
    text = path.read_text(encoding="utf-8")
    for pattern in (_MODULE_CONTEXT, _DECLARED_CONTEXT):
        found = pattern.search(text)
        if found:
            return found.group(1)
    for found in _IMPORTED_TR.finditer(text):
        names = {n.strip().split(" as ")[0] for n in found.group(2).strip("()").replace("\n", " ").split(",")}
        source = ROOT / Path(*found.group(1).split(".")).with_suffix(".py")
        if "tr" in names and source.is_file() and source not in seen:
            return module_context(source, seen | {path})
    return None


def lint(files: list[Path]) -> list[str]:
    """Marks lupdate would silently miss."""
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for pattern, why in ((_BAD_NOOP, "QT_TRANSLATE_NOOP needs a literal context, or lupdate drops the text"),
                             (_F_STRING_TR, 'tr(f"...") cannot be translated; use tr("... {name} ...").format(...)')):
            for found in pattern.finditer(text):
                number = text.count("\n", 0, found.start()) + 1
                problems.append(f"{path.relative_to(ROOT)}:{number}: {why}")
    return problems


def extract(files: list[Path]) -> list[Message]:
    """Every source text in ``files``, with the context the app looks it up under."""
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "raw.ts"
        subprocess.run([tool("pyside6-lupdate"), *map(str, files), "-locations", "absolute", "-no-obsolete",
                        "-ts", str(raw)], check=True, capture_output=True, cwd=ROOT)
        tree = ET.parse(raw)
        base = Path(scratch)
    messages: dict[tuple[str, str], Message] = {}
    problems = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            contexts = {name}
            if not name:  # a module-level tr(): the module's context
                contexts = set()
                for location in message.iter("location"):
                    path = Path(os.path.normpath(base / location.get("filename", "")))
                    found = module_context(path)
                    if found is None:
                        problems.append(f"{path.relative_to(ROOT)}:{location.get('line')}: tr({source!r}) but the "
                                        "module has no def tr(text): return QCoreApplication.translate(\"Ctx\", text)")
                    else:
                        contexts.add(found)
            for ctx in contexts:
                messages[(ctx, source)] = Message(ctx, source)
    if problems:
        raise SystemExit("\n".join(problems))
    return sorted(messages.values(), key=lambda m: (m.context, m.source))


def read_ts(path: Path) -> dict[tuple[str, str], Message]:
    return read_ts_text(path.read_text(encoding="utf-8")) if path.is_file() else {}


def read_ts_text(text: str) -> dict[tuple[str, str], Message]:
    known = {}
    for context in ET.fromstring(text).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            element = message.find("translation")
            text = (element.text or "") if element is not None else ""
            kind = element.get("type", "") if element is not None else "unfinished"
            known[(name, source)] = Message(name, source, text, finished=bool(text) and not kind)
    return known


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&apos;"))


def render_ts(messages: list[Message], language: str) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="en">']
    by_context: dict[str, list[Message]] = {}
    for message in messages:
        by_context.setdefault(message.context, []).append(message)
    for context in sorted(by_context):
        lines += ["<context>", f"    <name>{_escape(context)}</name>"]
        for message in sorted(by_context[context], key=lambda m: m.source):
            kind = "" if message.finished else ' type="unfinished"'
            lines += ["    <message>", f"        <source>{_escape(message.source)}</source>",
                      f"        <translation{kind}>{_escape(message.translation)}</translation>", "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def merged(language: str, files: list[Path] | None = None) -> tuple[str, list[Message]]:
    """The .ts text the source gives, with the translations kept; and the unfinished messages."""
    known = read_ts(ts_path(language))
    messages = []
    for found in extract(files or source_files()):
        old = known.get((found.context, found.source))
        messages.append(old if old is not None else found)
    return render_ts(messages, language), [m for m in messages if not m.finished]


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"{BASENAME}_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"{BASENAME}_{language}.qm"


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT)


def compiled_bytes(ts: Path) -> bytes:
    with tempfile.TemporaryDirectory() as scratch:
        qm = Path(scratch) / "out.qm"
        compile_qm(ts, qm)
        return qm.read_bytes()


def check(language: str) -> list[str]:
    """What is wrong with the committed catalogue of ``language``; empty when it is current."""
    problems = lint(source_files())
    text, unfinished = merged(language)
    ts, qm = ts_path(language), qm_path(language)
    if not ts.is_file() or ts.read_text(encoding="utf-8") != text:
        problems.append(f"{ts.relative_to(ROOT)} is not up to date with ui/: run python tools/translations.py")
    problems += [f"unfinished {language} translation: [{m.context}] {m.source!r}" for m in unfinished]
    if not qm.is_file() or (ts.is_file() and qm.read_bytes() != compiled_bytes(ts)):
        problems.append(f"{qm.relative_to(ROOT)} is not compiled from the .ts: run python tools/translations.py")
    return problems


def update(language: str) -> list[Message]:
    problems = lint(source_files())
    if problems:
        raise SystemExit("\n".join(problems))
    text, unfinished = merged(language)
    ts_path(language).parent.mkdir(parents=True, exist_ok=True)
    ts_path(language).write_text(text, encoding="utf-8")
    compile_qm(ts_path(language), qm_path(language))
    return unfinished


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is out of date")
    args = parser.parse_args(argv)
    status = 0
    for language in LANGUAGES:
        if args.check:
            problems = check(language)
            for problem in problems:
                print(problem)
            status |= bool(problems)
        else:
            unfinished = update(language)
            print(f"{ts_path(language).relative_to(ROOT)}: {len(unfinished)} unfinished; "
                  f"compiled {qm_path(language).relative_to(ROOT)}")
            for message in unfinished:
                print(f"  to translate: [{message.context}] {message.source!r}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
