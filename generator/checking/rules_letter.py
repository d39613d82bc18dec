"""Rules for a công văn (Phụ lục III, Mẫu 1.5): no type line; its summary "V/v …" stands under the
number in the header (ô 5b) and "Kính gửi:" with its addressees comes before the body (ô 9a)."""

from __future__ import annotations

from generator.checking.paragraph import Para
from generator.checking.reading import Reading
from generator.checking.registry import STATE_ONLY, rule
from generator.core import nd30

LETTERS = frozenset({nd30.LETTER})


def _in(p: Para, allowed: nd30.Range) -> bool:
    sizes = p.sizes()
    return bool(sizes) and all(allowed.low <= size <= allowed.high for size in sizes)


@rule("cong-van.trich-yeu", "letter_summary",
      f"trích yếu 'V/v …' dưới số, ký hiệu: chữ thường, đứng, không đậm, cỡ {nd30.LETTER_SUMMARY_PT.low}–"
      f"{nd30.LETTER_SUMMARY_PT.high}, căn giữa", kinds=LETTERS, families=STATE_ONLY)
def _letter_summary(r: Reading):
    summary = r.letter_summary
    if summary is None:
        return False, "không thấy dòng 'V/v …' dưới dòng số, ký hiệu ở cột trái phần đầu"
    ok = _in(summary, nd30.LETTER_SUMMARY_PT) and not summary.bold and not summary.italic and summary.centred
    return ok, (f"'{summary.text[:60]}': cỡ {sorted(summary.sizes())}, đậm={bool(summary.bold)}, "
                f"nghiêng={bool(summary.italic)}, căn giữa={summary.centred}")


@rule("cong-van.kinh-gui", "addressee",
      f"'Kính gửi:' và nơi nhận trước nội dung: chữ thường, đứng, cỡ {nd30.ADDRESSEE_PT.low}–{nd30.ADDRESSEE_PT.high}",
      kinds=LETTERS, families=STATE_ONLY)
def _addressees(r: Reading):
    lines = r.addressees()
    if not lines:
        return False, "không thấy dòng 'Kính gửi:' trước nội dung công văn"
    if not lines[0].text.startswith("Kính gửi:"):
        return False, f"'{lines[0].text[:40]}': sau 'Kính gửi' cần dấu hai chấm"
    bad = [p.text[:40] for p in lines if not _in(p, nd30.ADDRESSEE_PT) or p.italic]
    return not bad, "; ".join(f"'{t}'" for t in bad[:3])
