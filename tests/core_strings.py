"""The core's translatable strings, found in the source (issue 18 item 6).

A translatable core string is the literal English text of
- a rule finding's sentence: ``_finding(rule_id, severity, record, "text", name=...)`` and the
  message parts ``_phrase("text", ...)`` (context ``rules``; ``_word("Adult")``: ``words``);
- ``translate("context", "text")`` / ``i18n.translate(...)`` / ``_T("context", "text")`` calls
  (a module-level string constant counts as its literal: ``translate(CONSENT_CONTEXT, CONSENT_TEXT)``);
- the PDF's ``pdf_text("text", ...)`` / ``_t("text", ...)`` (context ``pdf``) and ``word("text")``
  (context ``words``); the signature summary's ``_say("text", language)`` (context ``summary``);
- a module-level ``TRANSLATABLE = {context: [texts]}`` registry (enum words, labels);
- an error message (context ``errors``): the catalogue's template of a message some ``raise
  SomeError(...)`` builds (an f-string's values are the template's ``{named}`` parts; a
  RuleViolation's message ends with its rule id). Not every error needs one (the ``iep``
  command's own stay English), but a template no raise builds any more is obsolete.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "iep_desktop"
_CALLS = {"translate", "_T"}
_ONE_ARG = {"pdf_text": "pdf", "_t": "pdf", "word": "words", "_say": "summary", "_phrase": "rules",
            "_word": "words"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literals(node: ast.expr) -> list[str]:
    """The text of a literal, or of both literal branches of ``a if cond else b``."""
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    text = _literal(node)
    return [text] if text is not None else []


def _literal(node: ast.expr, constants: dict[str, str] | None = None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and constants:
        return constants.get(node.id)
    return None


def _constants(tree: ast.Module) -> dict[str, str]:
    return {node.targets[0].id: node.value.value for node in tree.body
            if isinstance(node, ast.Assign) and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)}


def _shape(node: ast.expr) -> str | None:
    """A message as raised, each value of an f-string as ``{}``; None if it is not literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def error_shapes() -> set[str]:
    """Every error message some ``raise`` in the core builds, as a shape (see ``_shape``)."""
    shapes = set()
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and node.targets[0].id.endswith("_MESSAGE") and (shape := _shape(node.value)) is not None):
                shapes.add(shape)  # an error's default message: LOCKED_MESSAGE
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
                continue
            call = node.exc
            if _name(call.func) == "RuleViolation" and len(call.args) >= 2:
                rule, shape = _literal(call.args[0]), _shape(call.args[1])
                if rule is not None and shape is not None:
                    shapes.add(f"{shape} ({rule})")
            elif (shape := _shape(call.args[0])) is not None:
                shapes.add(shape)
    return shapes


def template_shape(template: str) -> str:
    """A catalogue template as a shape: each ``{named}`` part as ``{}``."""
    import re

    return re.sub(r"\{\w+\}", "{}", template)


def source_strings() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    from iep_desktop import i18n

    shapes = error_shapes()
    found["errors"] = {t for t in i18n.catalogue(i18n.SPANISH).get("errors", {}) if template_shape(t) in shapes}
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _constants(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _name(node.func)
                if name == "_finding" and len(node.args) >= 4:
                    # With placeholders or without: a literal sentence is looked up as it is.
                    found.setdefault("rules", set()).update(_literals(node.args[3]))
                elif name in _CALLS and len(node.args) >= 2:
                    context, text = _literal(node.args[0], constants), _literal(node.args[1], constants)
                    if context is not None and text is not None:
                        found.setdefault(context, set()).add(text)
                elif name in _ONE_ARG and node.args:
                    found.setdefault(_ONE_ARG[name], set()).update(_literals(node.args[0]))
            elif (isinstance(node, ast.Assign) and len(node.targets) == 1
                  and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "TRANSLATABLE"):
                registry = ast.literal_eval(node.value)
                for context, texts in registry.items():
                    found.setdefault(context, set()).update(texts)
    return found
