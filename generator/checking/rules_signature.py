"""Rules for the recipients and the signature block (Phụ lục I, ô 7 and 9b)."""

from __future__ import annotations

import re

from generator.checking.reading import Reading, is_note, is_prefix_line
from generator.checking.registry import rule, sizes_in, unknown

NO_SIGNATURE = "không có bảng nơi nhận - chữ ký"


@rule("noi-nhan.kieu-chu", "recipients", "'Nơi nhận:' và danh sách nơi nhận đúng kiểu chữ, cỡ chữ", part="recipients",
      practice="recipients")
def _recipients_style(r: Reading):
    """ND 30: "Nơi nhận:" 12 bold italic, entries 11; HD 36: "Nơi nhận:" 14 underlined, entries 12."""
    if r.signature_table is None:
        return unknown(NO_SIGNATURE)
    cell = r.recipients()
    title = next((p for p in cell if p.text.startswith("Nơi nhận")), None)
    if title is None:
        return unknown("không thấy 'Nơi nhận:'")
    family = r.family
    items = [p for p in cell if p is not title]
    if family.recipients_label == "underline":
        label_ok = bool(title.all_runs("underline", lambda u: bool(u)))
        label = "gạch chân"
    else:
        label_ok, label = bool(title.bold and title.italic), "đậm nghiêng"
    ok = label_ok and sizes_in(title, "recipients_title", family) and \
        all(sizes_in(p, "recipients", family) for p in items)
    return ok, (f"'Nơi nhận:' cần {label}, cỡ {family.size('recipients_title')} (thấy cỡ {sorted(title.sizes())}); "
                f"danh sách cần cỡ {family.size('recipients')} (thấy {sorted({s for p in items for s in p.sizes()})})")


@rule("noi-nhan.dong-luu", "recipients", "dòng cuối nơi nhận là phần lưu, kết thúc bằng dấu chấm", part="recipients")
def _archive_line(r: Reading):
    cell = r.recipients()
    title = next((p for p in cell if p.text.startswith("Nơi nhận")), None)
    if title is None:
        return None
    items = [p for p in cell if p is not title]
    last = items[-1].text if items else ""
    start = r.family.archive_label
    return last.startswith(start) and last.endswith("."), f"'{last}', cần dạng '{r.family.archive.format(archive='…')}'"


@rule("chu-ky.kieu-chu", "signature", "khối chữ ký: dòng thẩm quyền, chức vụ và họ tên đúng kiểu chữ, cỡ {range}, căn giữa",
      part="signature")
def _signature_style(r: Reading):
    """Every block centred and in size; authority lines and the name bold; the post bold too
    where the family's guide says so (ND 30), upright where it says not (HD 36's chức vụ)."""
    if r.signature_table is None:
        return unknown(NO_SIGNATURE)
    blocks = r.signature_blocks()
    if not blocks:
        return unknown("ô chữ ký trống")
    bad = []
    for block in blocks:
        for p in block:
            if is_note(p.text):
                continue
            bold_needed = is_prefix_line(p.text) or r.family.title_bold or p.text != p.text.upper()  # name: not caps
            if not (p.centred and sizes_in(p, "signature", r.family) and (p.bold or not bold_needed)):
                bad.append(p)
    return not bad, f"'{bad[0].text}': đậm={bad[0].bold}, căn giữa={bad[0].centred}, cỡ {sorted(bad[0].sizes())}" \
        if bad else ""


_ACADEMIC = re.compile(r"^(?:GS|PGS|TS|ThS|Th\.S|KS|BS|CN|TSKH|NGƯT|NGND)\.?\s", re.IGNORECASE)


@rule("chu-ky.khong-hoc-ham", "signer_name", "họ tên người ký không kèm học hàm, học vị")
def _signer_name_plain(r: Reading):
    """ND 30 Phụ lục I ô 7b: "không ghi học hàm, học vị và các danh hiệu danh dự" before the name."""
    names = [block[-1] for block in r.signature_blocks() if block and block[-1].text != block[-1].text.upper()]
    if not names:
        return None
    bad = [p.text for p in names if _ACADEMIC.match(p.text)]
    return not bad, f"'{bad[0]}'" if bad else ""


@rule("chu-ky.chuc-vu-in-hoa", "signature", "quyền hạn, chức vụ người ký in hoa")
def _signature_titles(r: Reading):
    blocks = r.signature_blocks()
    if not blocks:
        return None
    titles = [p for block in blocks for p in block[:-1] if not is_note(p.text)]
    return all(p.text == p.text.upper() for p in titles), ", ".join(p.text for p in titles)


@rule("chu-ky.viet-tat-tham-quyen", "authority", "viết tắt thẩm quyền ký ({example})", part="signature", practice="prefix")
def _signature_prefixes(r: Reading):
    """"TM." with a full stop (ND 30, HD 29); "T/M" with a slash (Party practice, HD 05)."""
    lines = [p.text for block in r.signature_blocks() for p in block if is_prefix_line(p.text)]
    if not lines:
        return None
    expected = {r.family.prefix(a) for a in ("TM", "KT", "TL")}
    bad = [t for t in lines if t.split()[0] not in expected and not t.startswith(("Q.", "TUQ."))]
    return not bad, f"'{bad[0]}': {r.family.short} viết {', '.join(sorted(expected))}" if bad else ""
