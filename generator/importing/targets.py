"""Targets in a Word file: a sentence with a clear figure and unit becomes a target whose wording
gives the sentence back; anything less clear stays as text."""

from __future__ import annotations

import re
from typing import Any

from generator.document.wording import plain, punctuate, target_text
from generator.importing.common import Node
from generator.plan.model import Target

FIGURE = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
UNITS = ["tỷ đồng", "triệu đồng/người/năm", "triệu đồng/người", "triệu đồng", "nghìn đồng", "đồng", "%", "ha",
          "tấn", "người", "lao động", "hộ", "xã", "thôn", "tập thể", "cá nhân", "trường", "công trình", "km",
          "giường bệnh", "bác sỹ", "đoàn viên", "học sinh", "lượt", "dự án", "doanh nghiệp", "sản phẩm"]
_TARGET = re.compile(rf"(?P<value>{FIGURE})(?:\s*(?:-|đến)\s*(?P<value_to>{FIGURE}))?"
                     rf"\s*(?P<unit>{'|'.join(re.escape(u) for u in UNITS)})(?![\w])")
GROUPS = {"kinh tế": "kinh tế", "văn hóa": "văn hóa", "văn hoá": "văn hóa", "xã hội": "xã hội",
           "môi trường": "môi trường", "quốc phòng - an ninh": "quốc phòng - an ninh",
           "quốc phòng, an ninh": "quốc phòng - an ninh", "thi đua, khen thưởng": "thi đua, khen thưởng"}


def group_of_title(title: str) -> str | None:
    """"Về kinh tế" → "kinh tế": the target group a heading names, or None."""
    folded = title.strip().casefold()
    return next((group for key, group in GROUPS.items() if folded == f"về {key}"), None)


_COMPARE_WORDS = {"đạt", "trên", "dưới", "từ", "tăng", "giảm", "còn", "tối", "thiểu", "ít", "nhất", "khoảng",
                  "lên", "xuống", "bằng", "vượt", "hơn", "≥", ">", "<", "≤"}


_VERBS = {"đạt", "tăng", "giảm", "còn", "vượt", "xuống", "lên"}  # a comparison that says what is measured
_PREPOSITIONS = {"trên", "dưới", "từ", "hơn"}  # also "per" ("trên 1 ha"): alone, a weaker sign
_LATER_FIGURE = re.compile(rf"\b(?:đạt|tăng|giảm|còn|vượt)\b[^\d,;]{{0,20}}(?:{FIGURE})")


def _parse_target(sentence: str) -> dict:
    """"Tổng vốn … đạt từ 2.900 tỷ đồng trở lên" → a target whose wording gives the sentence back.

    Only a figure with its unit right after a comparison ("đạt", "từ", "trên", "giảm còn", …)
    or opening the sentence ("100% cơ quan …") is taken; anything less clear stays as text.
    Where the sentence holds several such figures, the one the sentence compares is taken
    ("trên 1 ha … đạt 185 triệu đồng": 185, never the 1 of "per hectare"); if that is not
    certain, the target carries "_check" with the reason, for the import report."""
    text = sentence.rstrip()
    candidates: list[tuple[int, dict]] = []
    for match in _TARGET.finditer(text):
        head, tail = text[:match.start()].rstrip(), text[match.end():]
        range_word = "đến" if match.group("value_to") and "đến" in match.group(0) else "-"
        words = head.split()
        compare_start = len(words)
        while compare_start > 0 and words[compare_start - 1].lower() in _COMPARE_WORDS:
            compare_start -= 1
        label, compare_words = " ".join(words[:compare_start]), " ".join(words[compare_start:])
        if label and not compare_words and not label.endswith(":"):
            continue  # "bình quân/1 ha đất …": a figure inside the label, not the target's value
        after = re.match(r"^(\s*(?:trở lên|trở xuống))?(.*)$", tail, re.S)
        suffix, note = ((after.group(1) or ""), after.group(2)) if after else ("", tail)
        said = {w.lower() for w in compare_words.split()}
        if said <= _PREPOSITIONS and match.group("value") == "1" and not suffix and match.group("unit") != "%":
            continue  # "trên 1 ha", "từ 1 người": a rate's denominator, not a figure to reach
        compare = " ".join(x for x in (compare_words, "…", suffix.strip()) if x)
        target: dict[str, Any] = {"label": label, "value": match.group("value"), "unit": match.group("unit")}
        if match.group("value_to"):
            target["value_to"], target["range_word"] = match.group("value_to"), range_word
        if not label:  # "100% cơ quan … đăng ký thi đua": the figure comes first
            target["label"], target["label_after"] = note.strip(), True
        elif note.strip():
            target["note"] = note.strip()
        if compare != "…":
            target["compare"] = compare
        if target["label"] and _renders(target, text):
            score = 2 * bool(said & _VERBS) + 2 * bool(suffix) + (not label)
            if _LATER_FIGURE.search(re.split(r"[,;]", note, maxsplit=1)[0]):
                score -= 3  # the same clause goes on to compare another figure
            if _LATER_FIGURE.search(target["label"]):
                score -= 3  # the label already compares a figure: this one is a second clause
            candidates.append((score, target))
    if not candidates:
        return {"label": text}
    ranked = sorted(candidates, key=lambda c: -c[0])
    best = ranked[0][1]
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < 2:
        other = ranked[1][1]
        best["_check"] = (f"câu có nhiều con số: lấy {best['value']} {best['unit']} làm chỉ tiêu (không phải "
                          f"{other['value']} {other['unit']}); kiểm tra lại")
    return best


def _renders(target: dict, text: str) -> bool:
    try:
        return target_text(Target(**{k: v for k, v in target.items() if not k.startswith("_")})) == text
    except ValueError:
        return False


def _targets_of(texts: list[str], children: list[list[str]], end: str = ";") -> list[dict] | None:
    """Bullet texts (and their "+" points) as targets, if thidua's wording gives them back exactly
    (`end`: the group's item ending, see item_end)."""
    targets = []
    for index, (text, sub) in enumerate(zip(texts, children)):
        bare = text.rstrip()
        added = "." if index == len(texts) - 1 else end  # what thidua's punctuation adds back
        target = _parse_target(bare[:-1] if bare.endswith(added) else bare)
        if sub:
            inner = _targets_of(sub, [[] for _ in sub], end)
            if inner is None:
                return None
            target["items"] = inner
        targets.append(target)
    probe = [Target(**{k: v for k, v in t.items() if k != "items" and not k.startswith("_")}) for t in targets]
    if punctuate([target_text(t) for t in probe], end) != [t.rstrip() for t in texts]:
        return None  # thidua's wording would change a word: not targets
    return targets


def item_end(texts: list[str]) -> str:
    """'.' where a clerk ended every point with a full stop (kept so: each point a sentence), else ';'."""
    return "." if len(texts) > 1 and all(t.rstrip().endswith(".") for t in texts) else ";"


def target_group(node: Node, need_figures: bool = True) -> dict | None:
    """A titled section of only bullet points, some with figures: a group of targets (after a
    first such group, a group whose points have no clear figure joins them as worded targets)."""
    if not node.title or node.paragraphs or node.children or node.closing or node.text or not node.items:
        return None
    texts = [i["text"] for i in node.items]
    end = item_end(texts)
    targets = _targets_of(texts, [i.get("items", []) for i in node.items], end)
    if targets is None or (need_figures and not any("value" in t for t in targets)):
        return None
    title = plain(node.title)
    group = group_of_title(title) or "khác"

    def compact(target: dict) -> Any:
        return target["label"] if set(target) == {"label"} else target

    result: dict[str, Any] = {"group": group}
    if title != f"Về {group}":
        result["title"] = node.title
    if end != ";":
        result["item_end"] = end
    result["items"] = [compact(t) for t in targets]
    return result


def untitled_group(node: Node) -> dict | None:
    """The points right under a targets heading ("II. CHỈ TIÊU CHỦ YẾU", then "- … đạt 8,5% trở lên;"), when
    they are targets with figures: a group printed without a heading of its own."""
    if not node.title or "chỉ tiêu" not in plain(node.title).casefold() or not node.items or node.children:
        return None
    texts = [i["text"] for i in node.items]
    end = item_end(texts)
    targets = _targets_of(texts, [i.get("items", []) for i in node.items], end)
    if targets is None or not any("value" in t for t in targets):
        return None
    result: dict[str, Any] = {"group": "khác", "heading": False}
    if end != ";":
        result["item_end"] = end
    result["items"] = [t["label"] if set(t) == {"label"} else t for t in targets]
    return result
