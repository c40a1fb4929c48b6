"""Barriers in three groups, each with the step or service that addresses it (R-A3)."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtWidgets import QButtonGroup, QFormLayout, QHBoxLayout, QRadioButton, QWidget

from iep_desktop.domain.models import Barrier, BarrierGroup
from iep_desktop.services import plan_items
from iep_desktop.app_session import UnitOfWork
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import RecordEditorPage, RecordTexts
from ui.wizard.table_model import Column
from ui.wizard.widgets import TOUCH_HEIGHT, add_row, combo, line_edit, live, pair, select_data, text_box, tr

GROUP_LABELS = {
    BarrierGroup.TECHNOLOGY: tr("Technology"),
    BarrierGroup.PERSONAL: tr("Personal life circumstances"),
    BarrierGroup.SKILLS: tr("Skills gaps"),
}
# Categories the policies name for each group (domain.md R-A3); the coach may type another.
CATEGORIES = {
    BarrierGroup.TECHNOLOGY: ["no_device", "no_internet", "digital_literacy"],
    BarrierGroup.PERSONAL: ["child_care", "transportation", "housing", "health",
                            "justice_involvement", "other"],
    BarrierGroup.SKILLS: ["academic", "occupational", "work_readiness"],
}


_CATEGORY_WORDS = {
    "no_device": tr("No device"), "no_internet": tr("No internet"), "digital_literacy": tr("Digital literacy"),
    "child_care": tr("Child care"), "transportation": tr("Transportation"), "housing": tr("Housing"),
    "health": tr("Health"), "justice_involvement": tr("Justice involvement"), "other": tr("Other"),
    "academic": tr("Academic"), "occupational": tr("Occupational"), "work_readiness": tr("Work readiness"),
}


def category_label(category: str) -> str:
    """A category the policies name, in the language in use; one the coach typed, as typed."""
    known = _CATEGORY_WORDS.get(category)
    if known is not None:
        return known.again()
    words = category.replace("_", " ")
    return words[:1].upper() + words[1:]


class BarriersPage(RecordEditorPage[Barrier]):
    page_id = PageId.BARRIERS
    record_type = Barrier
    texts = RecordTexts(
        new=tr("New barrier"), add=tr("Add barrier"), save=tr("Save barrier"), start_new=tr("Start a new barrier"),
        saved_list=tr("Saved barriers"),
        hint=tr("Choose a saved barrier above to change it. A new barrier is saved once its required fields are "
                "filled in (it then shows above); \u201cAdd barrier\u201d starts the next one. Changes are saved "
                "as you type."))
    inline_rules = ("R-A3",)

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, tr("Barriers"), tr("What stands in the way, and the step or service that "
                                                 "addresses each barrier (R-A3)."))

    def columns(self) -> list[Column[Barrier]]:
        return [
            Column(tr("Group"), lambda b: GROUP_LABELS[b.group].again()),
            Column(tr("Barrier"), lambda b: category_label(b.category)),
            Column(tr("Description"), lambda b: b.description),
            Column(tr("Step that addresses it"), lambda b: b.step),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.group_buttons = QButtonGroup(self)
        row = QWidget()
        live(row, "setAccessibleName", tr("Barrier group"))
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group_radios: dict[BarrierGroup, QRadioButton] = {}
        for group, label in GROUP_LABELS.items():
            radio = QRadioButton()
            live(radio, "setText", label)
            live(radio, "setAccessibleName", tr("Group: {group}").format(group=label))
            radio.setMinimumHeight(TOUCH_HEIGHT)
            self.group_buttons.addButton(radio)
            self.group_radios[group] = radio
            layout.addWidget(radio)
        layout.addStretch(1)
        self.category = combo(tr("Barrier category"), editable=True)
        self.description = text_box(tr("Barrier description"), tr("What the barrier is, in plain words"), 2)
        self.step = line_edit(tr("Step that addresses it"),
                              tr("e.g. Bus pass through supportive service 500"), 500)
        self.service = combo(tr("Service that addresses it"))
        for box in (self.category, self.service):  # side by side: the page fits 960 px (200 %)
            box.setMinimumContentsLength(14)
        add_row(form, tr("Group"), row, self.group_radios[BarrierGroup.TECHNOLOGY])
        both = pair(self.category, tr("Service (optional)"), self.service)
        sides = cast(QHBoxLayout, both.layout())  # the services' names are the longer: more room for them
        sides.setStretchFactor(self.service, 3)
        sides.setStretchFactor(self.category, 2)
        add_row(form, tr("Barrier"), both, self.category)
        add_row(form, tr("Description"), self.description)
        add_row(form, tr("Step that addresses it"), self.step)
        self.group_buttons.buttonToggled.connect(self._group_changed)
        self.category.currentTextChanged.connect(self.edited)
        self.description.textChanged.connect(self.edited)
        self.step.textChanged.connect(self.edited)
        self.service.currentIndexChanged.connect(self.edited)

    def _group_changed(self, _button: object, checked: bool) -> None:
        if not checked:
            return
        if not self._loading:
            self._fill_categories(self.group(), "")
        self.edited()

    def group(self) -> BarrierGroup:
        return next((g for g, r in self.group_radios.items() if r.isChecked()), BarrierGroup.PERSONAL)

    def _fill_categories(self, group: BarrierGroup, current: str) -> None:
        self.category.blockSignals(True)
        self.category.clear()
        for key in CATEGORIES[group]:
            self.category.addItem(category_label(key), key)
        if current and self.category.findData(current) < 0:
            self.category.addItem(category_label(current), current)
        self.category.blockSignals(False)
        if current:
            select_data(self.category, current)
        else:
            self.category.setCurrentIndex(0)

    def reload_choices(self) -> None:
        plan = self.ctx.plan
        chosen = self.service.currentData()
        self.service.blockSignals(True)
        self.service.clear()
        self.service.addItem(tr("None: the step above addresses it"), None)
        for service in self.ctx.snapshot.services:
            if plan is not None and service.plan_id == plan.id:
                known = self.ctx.profile.service(service.code)
                name = known.name if known else service.code
                self.service.addItem(f"{service.code} — {name} ({service.provider})", service.id)
        select_data(self.service, chosen)
        self.service.blockSignals(False)

    # -- records ----------------------------------------------------------------------------
    def records(self) -> list[Barrier]:
        order = list(GROUP_LABELS)
        return sorted(self.ctx.snapshot.barriers, key=lambda b: order.index(b.group))

    def new_record_fields(self) -> dict[str, Any]:
        assert self.ctx.plan is not None
        return {"plan_id": self.ctx.plan.id}

    def fill_form(self, record: Barrier | None) -> None:
        group = record.group if record else BarrierGroup.PERSONAL
        self.group_radios[group].setChecked(True)
        self._fill_categories(group, record.category if record else "")
        self.description.setPlainText(record.description if record else "")
        self.step.setText(record.step if record else "")
        select_data(self.service, record.service_id if record else None)

    def form_values(self) -> dict[str, Any] | None:
        typed = self.category.currentText().strip()
        index = self.category.findText(typed)
        category = self.category.itemData(index) if index >= 0 else typed
        values = {"group": self.group(), "category": category or "",
                  "description": self.description.toPlainText(), "step": self.step.text(),
                  "service_id": self.service.currentData()}
        if not values["category"] or not (values["description"].strip() or values["step"].strip()):
            return None
        return values

    def incomplete_hint(self) -> str:
        return tr("Describe the barrier or the step that addresses it to save it.")

    def add_record(self, uow: UnitOfWork, record: Barrier) -> Barrier:
        return plan_items.add_barrier(uow, record)

    def update_record(self, uow: UnitOfWork, record: Barrier) -> Barrier:
        return plan_items.update_barrier(uow, record)

    def describe(self, record: Barrier) -> str:
        return tr("barrier '{category}'").format(category=category_label(record.category))

    def saved_message(self, record: Barrier, added: bool) -> str:
        text = tr("Barrier '{category}' added.") if added else tr("Barrier '{category}' saved.")
        return text.format(category=category_label(record.category))
