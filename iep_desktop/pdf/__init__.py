"""The printed plan as PDF (fpdf2, no Qt): ``render_plan_pdf`` draws one frozen plan version."""

from iep_desktop.pdf.plan_pdf import Copy, render_plan_pdf, without_confidential

__all__ = ["Copy", "render_plan_pdf", "without_confidential"]
