"""Issue 18: every user-visible string in ui/ goes through tr(), and every translation is finished.

Static half: read every module of ui/ and find each text handed to a widget (setText,
setWindowTitle, setPlaceholderText, setToolTip, QLabel(, QPushButton(, addAction(, the texts of
a QMessageBox, ...) as a literal not wrapped in tr() / translate() / QT_TRANSLATE_NOOP. A literal
with no letters (":", "•", "—") or a language's own name is no text to translate.

Catalogue half: run pyside6-lupdate (through tools/translations.py) over ui/ into a temporary
copy and compare with the committed .ts: nothing missing, nothing vanished from the source,
nothing unfinished, and the committed .qm is what pyside6-lrelease makes of the .ts.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import translations  # noqa: E402  (tools/ is no package)

# method -> which positional arguments are shown to the person (None: every one)
TEXT_METHODS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,), "setWindowTitle": (0,), "setPlaceholderText": (0,), "setToolTip": (0,),
    "setStatusTip": (0,), "setWhatsThis": (0,), "setTitle": (0,), "setSubTitle": (0,),
    "setAccessibleName": (0,), "setAccessibleDescription": (0,), "setLabelText": (0,),
    "setInformativeText": (0,), "setDetailedText": (0,), "setButtonText": (1,), "setTabText": (1,),
    "setItemText": (1,), "addAction": (0, 1), "addMenu": (0, 1), "addItem": (0,), "addItems": (0,),
    "addTab": (1,), "addRow": (0,), "showMessage": (0,), "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,), "setHeaderLabels": (0,), "addButton": (0,), "insertItem": (1,),
    "setSpecialValueText": (0,), "setSuffix": (0,), "setPrefix": (0,), "setDisplayFormat": (),
    "information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2), "about": (1, 2),
    "getText": (1, 2), "getItem": (1, 2), "getOpenFileName": (1,), "getSaveFileName": (1,),
    "getExistingDirectory": (1,),
}
TEXT_CLASSES = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu",
                "QToolButton", "QCommandLinkButton", "QMessageBox"}
WRAPPERS = {"tr", "translate", "QT_TRANSLATE_NOOP", "Tr", "again"}
NOT_TEXT = {"English", "Español", "MM/DD/YYYY", "IEP", "ISS", "OK"}  # names shown as they are
_LETTERS = re.compile(r"[A-Za-z]{2,}")


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _bare_literals(node: ast.expr) -> list[ast.Constant | ast.JoinedStr]:
    """String literals in ``node`` that reach the screen as they are (not inside a tr() call)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node] if _LETTERS.search(node.value) and node.value.strip() not in NOT_TEXT else []
    if isinstance(node, ast.JoinedStr):
        parts = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return [node] if _LETTERS.search(parts) else []
    if isinstance(node, ast.Call):
        if _name(node.func) in WRAPPERS:
            return []
        if isinstance(node.func, ast.Attribute) and node.func.attr in {"format", "join"}:
            return _bare_literals(node.func.value) + [x for a in node.args for x in _bare_literals(a)]
        return []  # another function's result: its own strings are checked where they are shown
    if isinstance(node, ast.BinOp):
        return _bare_literals(node.left) + _bare_literals(node.right)
    if isinstance(node, ast.IfExp):
        return _bare_literals(node.body) + _bare_literals(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [x for e in node.elts for x in _bare_literals(e)]
    return []


def untranslated(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        shown: list[ast.expr] = []
        if isinstance(node.func, ast.Attribute) and name in TEXT_METHODS:
            positions = TEXT_METHODS[name]
            shown = [a for i, a in enumerate(node.args) if positions is None or i in positions]
            shown += [k.value for k in node.keywords if k.arg in {"text", "title", "label"}]
        elif name in TEXT_CLASSES:
            shown = list(node.args) + [k.value for k in node.keywords if k.arg in {"text", "title"}]
        for literal in (x for a in shown for x in _bare_literals(a)):
            text = ast.get_source_segment(path.read_text(encoding="utf-8"), literal)
            found.append(f"{path.relative_to(ROOT)}:{literal.lineno}: {name}({text}) is not in tr()")
    return found


def test_every_visible_string_in_ui_goes_through_tr() -> None:
    problems = [p for path in translations.source_files() for p in untranslated(path)]
    assert problems == [], "\n".join(problems)


def test_the_scan_finds_a_bare_string() -> None:
    """The scan itself can fail: a bare text in each shape it knows is reported, a wrapped one is not."""
    sample = ROOT / "ui" / "_scan_sample_for_test.py"
    sample.write_text(
        'label.setText("Save the plan")\nQPushButton("Print", self)\nQMessageBox.warning(self, "Oops", msg)\n'
        'menu.addAction(f"Open {name}")\nlabel.setText(tr("Fine"))\nlabel.setText(":")\n'
        'box.setWindowTitle("Sign " + who)\n', encoding="utf-8")
    try:
        found = untranslated(sample)
    finally:
        sample.unlink()
    assert [line.split(":")[1] for line in found] == ["1", "2", "3", "4", "7"], found


def test_every_module_tr_has_a_context_lupdate_files_it_under() -> None:
    """Each module that calls a bare tr() says which context it is looked up in at run time."""
    missing = []
    for path in translations.source_files():
        calls = [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Name) and n.func.id == "tr"]
        if calls and translations.module_context(path) is None:
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_every_source_string_has_a_finished_translation(language: str) -> None:
    """lupdate into a temporary copy: no missing, vanished or unfinished entry; the .qm is current."""
    text, unfinished = translations.merged(language)
    fresh = translations.read_ts_text(text)
    committed = translations.read_ts(translations.ts_path(language))
    missing = sorted(set(fresh) - set(committed))
    vanished = sorted(set(committed) - set(fresh))
    assert missing == [], f"in ui/ but not in the .ts (run python tools/translations.py): {missing[:20]}"
    assert vanished == [], f"in the .ts but gone from ui/: {vanished[:20]}"
    assert [(m.context, m.source) for m in unfinished] == []
    assert translations.ts_path(language).read_text(encoding="utf-8") == text
    ts, qm = translations.ts_path(language), translations.qm_path(language)
    assert qm.read_bytes() == translations.compiled_bytes(ts), "the .qm is not compiled from the .ts"
    assert translations.check(language) == []


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_translations_keep_placeholders_and_shortcut_marks(language: str) -> None:
    """A translation has the source's {placeholders}, and an & shortcut where the source has one."""
    wrong = []
    for (context, source), message in translations.read_ts(translations.ts_path(language)).items():
        if not message.finished:
            continue
        if set(re.findall(r"\{\w+\}", source)) != set(re.findall(r"\{\w+\}", message.translation)):
            wrong.append((context, source, message.translation))
        if re.search(r"&[^&\s]", source) and not re.search(r"&[^&\s]", message.translation):
            wrong.append((context, source, message.translation))
    assert wrong == []
