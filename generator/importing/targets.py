"""Targets in a Word file: a sentence with a clear figure and unit becomes a target whose wording
gives the sentence back; anything less clear stays as text."""

from __future__ import annotations

import re
from typing import Any

from generator.document.wording import plain, punctuate, target_text
from generator.importing.common import Node
from generator.plan.model import Target

_FIGURE = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNITS = ["tỷ đồng", "triệu đồng/người/năm", "triệu đồng/người", "triệu đồng", "nghìn đồng", "đồng", "%", "ha",
          "tấn", "người", "lao động", "hộ", "xã", "thôn", "tập thể", "cá nhân", "trường", "công trình", "km",
          "giường bệnh", "bác sỹ", "đoàn viên", "học sinh", "lượt", "dự án", "doanh nghiệp", "sản phẩm"]
_TARGET = re.compile(rf"(?P<value>{_FIGURE})(?:\s*(?:-|đến)\s*(?P<value_to>{_FIGURE}))?"
                     rf"\s*(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)})(?![\w])")
_GROUPS = {"kinh tế": "kinh tế", "văn hóa": "văn hóa", "văn hoá": "văn hóa", "xã hội": "xã hội",
           "môi trường": "môi trường", "quốc phòng - an ninh": "quốc phòng - an ninh",
           "quốc phòng, an ninh": "quốc phòng - an ninh", "thi đua, khen thưởng": "thi đua, khen thưởng"}


_COMPARE_WORDS = {"đạt", "trên", "dưới", "từ", "tăng", "giảm", "còn", "tối", "thiểu", "ít", "nhất", "khoảng",
                  "lên", "xuống", "bằng", "vượt", "hơn", "≥", ">", "<", "≤"}


def _parse_target(sentence: str) -> dict:
    """"Tổng vốn … đạt từ 2.900 tỷ đồng trở lên" → a target whose wording gives the sentence back.

    Only a figure with its unit right after a comparison ("đạt", "từ", "trên", "giảm còn", …)
    or opening the sentence ("100% cơ quan …") is taken; anything less clear stays as text."""
    text = sentence.rstrip()
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
            return target
    return {"label": text}


def _renders(target: dict, text: str) -> bool:
    try:
        return target_text(Target(**target)) == text
    except ValueError:
        return False


def _targets_of(texts: list[str], children: list[list[str]]) -> list[dict] | None:
    """Bullet texts (and their "+" points) as targets, if thidua's wording gives them back exactly."""
    targets = []
    for index, (text, sub) in enumerate(zip(texts, children)):
        bare = text.rstrip()
        added = "." if index == len(texts) - 1 else ";"  # what thidua's punctuation adds back
        target = _parse_target(bare[:-1] if bare.endswith(added) else bare)
        if sub:
            inner = _targets_of(sub, [[] for _ in sub])
            if inner is None:
                return None
            target["items"] = inner
        targets.append(target)
    probe = [Target(**{k: v for k, v in t.items() if k != "items"}) for t in targets]
    if punctuate([target_text(t) for t in probe]) != texts:
        return None  # thidua's punctuation would change a word: not targets
    return targets


def target_group(node: Node, need_figures: bool = True) -> dict | None:
    """A titled section of only bullet points, some with figures: a group of targets (after a
    first such group, a group whose points have no clear figure joins them as worded targets)."""
    if not node.title or node.paragraphs or node.children or node.closing or node.text or not node.items:
        return None
    targets = _targets_of([i["text"] for i in node.items], [i.get("items", []) for i in node.items])
    if targets is None or (need_figures and not any("value" in t for t in targets)):
        return None
    title = plain(node.title)
    group = next((g for key, g in _GROUPS.items() if title.lower() == f"về {key}"), "khác")

    def compact(target: dict) -> Any:
        return target["label"] if set(target) == {"label"} else target

    result: dict[str, Any] = {"group": group, "items": [compact(t) for t in targets]}
    if title != f"Về {group}":
        result["title"] = node.title
    return result
