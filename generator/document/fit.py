"""Whether the parts ND30 lays out together fit where they must: the recipients and signature blocks on
one page (their table row never splits), the issuer's rule inside its header column.

Estimates from the font metrics, never a rendering: each warning says what was measured, so that the
clerk looks at the printed page; nothing here stops a build.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from generator.core.errors import Problem, Severity
from generator.core.families import Family
from generator.core.metrics import CELL_MARGINS_PT, text_width_pt
from generator.document.issuance import Line, date_line, family_of, signature_rows
from generator.plan.loader import Loaded, problem_at
from generator.plan.model import Plan

LINE_HEIGHT = 1.2  # a line of the signature area, in units of its font size (single spacing)
MM_PER_PT = 25.4 / 72

_SIZES = {"label": "recipients_title", "entry": "recipients"}  # every other kind of line: the signature's


@dataclass(frozen=True)
class FitWarning:
    path: tuple  # the field of the plan that makes the part too large
    message: str  # in Vietnamese


def page_height_pt(family: Family) -> float:
    used = family.used_margins_mm
    return (297 - used["top"] - used["bottom"]) / MM_PER_PT


def issuer_column_pt(family: Family) -> float:
    """The width a line of the issuer's cell has: its column less the cell margins."""
    return family.header_columns_mm[0] / MM_PER_PT - CELL_MARGINS_PT


def national_column_pt(family: Family) -> float:
    """The width a line of the right-hand header cell has (national name, motto, place and date)."""
    return family.header_columns_mm[1] / MM_PER_PT - CELL_MARGINS_PT


def _column_height(lines: list[Line], family: Family, column_pt: float) -> float:
    height = 0.0
    for line in lines:
        size = family.size(_SIZES.get(line.kind, "signature"))
        wraps = max(1, math.ceil(text_width_pt(line.text, size, bold=line.kind == "title") / column_pt)) \
            if line.text else 1
        height += wraps * size * LINE_HEIGHT
    return height


LONG_LINE_WRAPS = 3  # a post of more lines than this is not the short official title ND30 asks for


def fit_warnings(plan: Plan) -> list[FitWarning]:
    family = family_of(plan)
    warnings: list[FitWarning] = []
    column_pt = family.text_width_pt / 2 - CELL_MARGINS_PT
    page = page_height_pt(family)
    where = ("partners",) if plan.partners else ("signer",)
    place_and_date = date_line(plan)
    if text_width_pt(place_and_date, family.size("date")) > national_column_pt(family):
        warnings.append(FitWarning(("issuer", "place") if plan.issuer.place else ("issuer", "name"), (
            f"dòng '{place_and_date}' dài hơn cột phải của phần đầu nên xuống dòng (Nghị định 30 đặt địa danh, "
            "ngày tháng trên một dòng, cùng hàng với số văn bản): ghi địa danh ngắn hơn trong `place`")))
    signers = [(("signer",), plan.signer), *((("partners", i, "signer"), p.signer) for i, p in enumerate(plan.partners))]
    for base, signer in signers:
        for name in ("title", "head_title", "on_behalf_of"):
            text = getattr(signer, name) or ""
            wraps = math.ceil(text_width_pt(text.upper(), family.size("signature"), bold=True) / column_pt)
            if wraps > LONG_LINE_WRAPS:
                warnings.append(FitWarning((*base, name), (
                    f"dài {len(text)} ký tự, in thành khoảng {wraps} dòng trong khối chữ ký: ghi chức vụ chính "
                    "thức, ngắn gọn (Nghị định 30, Phụ lục I, Mục II, khoản 7, điểm c)")))
    for left, right in signature_rows(plan):
        tall = max(_column_height(left, family, column_pt), _column_height(right, family, column_pt))
        blocks = 1 + len(plan.partners) + (plan.approval is not None)
        size = f"phần nơi nhận và {blocks} khối chữ ký cao khoảng {tall * MM_PER_PT:.0f} mm"
        if tall > page:
            warnings.append(FitWarning(where, (
                f"{size}, hơn một trang ({page * MM_PER_PT:.0f} mm): bảng chữ ký không được ngắt trang nên sẽ tràn "
                "sang trang sau; rút gọn chức vụ, bớt nơi nhận hoặc đưa danh sách cơ quan phối hợp vào phụ lục")))
        elif tall > page / 2:
            warnings.append(FitWarning(where, (
                f"{size}, hơn nửa trang: bảng chữ ký không ngắt trang, nên có thể bị đẩy sang trang sau và để lại "
                "khoảng trống; xem bản in")))
    return warnings


def located_fit_warnings(loaded: Loaded) -> list[Problem]:
    """The warnings of `fit_warnings`, each at the file and line of its field."""
    return [replace(problem_at(loaded.marks, w.path, loaded.file, w.message), severity=Severity.warning)
            for w in fit_warnings(loaded.plan)]
