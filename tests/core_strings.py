"""The core's translatable strings, found in the source (issue 18 item 6).

A translatable core string is the literal English text of
- a rule finding built with placeholders: ``_finding(rule_id, severity, record, "text", name=...)``
  (context ``rules``; a finding without placeholders is fixed English and is not listed);
- ``translate("context", "text")`` / ``i18n.translate(...)`` / ``_T("context", "text")`` /
  ``tr_core("context", "text")`` calls;
- a module-level ``TRANSLATABLE = {context: [texts]}`` registry (enum words, labels).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "iep_desktop"
_CALLS = {"translate", "_T", "tr_core"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def source_strings() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _name(node.func)
                if name == "_finding" and len(node.args) >= 4 and node.keywords:
                    text = _literal(node.args[3])
                    if text is not None:
                        found.setdefault("rules", set()).add(text)
                elif name in _CALLS and len(node.args) >= 2:
                    context, text = _literal(node.args[0]), _literal(node.args[1])
                    if context is not None and text is not None:
                        found.setdefault(context, set()).add(text)
            elif (isinstance(node, ast.Assign) and len(node.targets) == 1
                  and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "TRANSLATABLE"):
                registry = ast.literal_eval(node.value)
                for context, texts in registry.items():
                    found.setdefault(context, set()).update(texts)
    return found
