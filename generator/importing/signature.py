"""Recipients and the signature block(s) at the end of a Word file."""

from __future__ import annotations

import re
from typing import Any

from generator.core import formatting as fmt
from generator.core.families import AUTHORITY_LINE, FAMILIES, SLASHED, FamilyKey
from generator.importing.common import sentence_case
from generator.word.lines import Line


def signer_of(lines: list[str], family: FamilyKey, issuer: dict) -> dict:
    """"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Lê Văn Bình" → the signer's fields."""
    signer: dict[str, Any] = {}
    posts: list[str] = []
    name = ""
    for text in lines:
        match = AUTHORITY_LINE.match(text)
        if match:
            authority = match.group(1) or SLASHED[match.group(3)]
            rest = match.group(2) if match.group(1) else match.group(4)
            if authority == "TM":
                signer["authority"] = "TM"
                signer["on_behalf_of"] = rest
            else:
                signer["authority"] = authority
                signer["head_title"] = sentence_case(rest)
        elif text.startswith("(") and text.endswith(")"):
            signer["note"] = text  # "(Đã ký)", "(Ký, đóng dấu)"
        elif text == fmt.upper(text) and any(ch.isalpha() for ch in text):
            posts.append(sentence_case(text))
        elif name:  # two lines that are not posts: keep both, never drop one
            name = f"{name} {text}"
        else:
            name = text
    if posts:
        signer["title"] = posts[0]
        if posts[1:]:
            signer["extra_titles"] = posts[1:]
    from generator.document.issuance import body_of
    from generator.plan.model import Issuer

    body = body_of(Issuer(**issuer)) if "level" in issuer else ""
    if signer.get("on_behalf_of") is not None and fmt.upper(signer["on_behalf_of"]) == fmt.upper(body):
        signer.pop("on_behalf_of")
    elif signer.get("authority") in ("KT", "Q") and "on_behalf_of" not in signer:
        signer["on_behalf_of"] = ""
    head = signer.get("head_title")
    if head and fmt.upper(head) == fmt.upper(FAMILIES[family].head_title):
        signer.pop("head_title")
    if signer.get("authority") == "Q" and "title" in signer:
        signer.pop("title")
    signer["name"] = name
    return signer


def recipients_of(lines: list[str], family: FamilyKey) -> dict:
    items: list[Any] = []
    archive = None
    for text in lines[1:]:
        entry = text.strip()
        bare = re.sub(r"^[-–•+]\s*", "", entry)
        if fmt.ascii_fold(bare).startswith("Luu"):
            archive = re.sub(r"^Lưu\s*:?\s*|^Luu\s*:?\s*", "", bare).rstrip(" .")
            continue
        bare = bare.rstrip(" ;,.")
        if bare.endswith("(B/c)"):
            items.append({"text": bare[:-5].rstrip(), "report": True})
        else:
            items.append(bare)
    result: dict[str, Any] = {"items": items}
    if archive is not None:
        result["archive"] = archive
    return result


def is_recipients_label(text: str) -> bool:
    """"Nơi nhận:" (or "Noi nhan:" in a file typed without diacritics)."""
    return fmt.ascii_fold(text).lower().startswith("noi nhan")


# "- Lưu: VT.**TM. BAN CHẤP HÀNH**": an entry in plain type, then a bold capitalised title run into it (a
# signature cell that LibreOffice, reading an old .doc, poured into the recipients' last paragraph)
_GLUED_TITLE = re.compile(r"^(?P<entry>[-–+][^*]*?[.;,)])\s*\*\*(?P<title>[^*]+)\*\*$")


def tail(lines: list[Line], start: int) -> tuple[int, list[str], list[list[str]], list[str]]:
    """(where the body ends, the recipients' lines, every signature block's lines, the lines after them)."""
    recipients_at = next((i for i in range(len(lines) - 1, start - 1, -1) if is_recipients_label(lines[i].plain)), None)
    if recipients_at is None:
        return len(lines), [], [], []
    line = lines[recipients_at]
    if line.cell is not None:
        table = line.cell[0]
        first = next(i for i in range(start, len(lines)) if (lines[i].cell or (-1,))[0] == table)
        # read by column, top to bottom: a clerk's table may put "Nơi nhận:" and the posts in one row
        # and the list and the name in the next
        columns: dict[int, list[str]] = {}
        for candidate in lines[first:]:
            if candidate.cell and candidate.cell[0] == table:
                columns.setdefault(candidate.cell[2], []).append(candidate.plain)
        recipients: list[str] = []
        blocks: list[list[str]] = []
        for key in sorted(columns):
            texts = columns[key]
            at = next((i for i, t in enumerate(texts) if is_recipients_label(t)), None)
            if at is not None:
                recipients = texts[at:]
                if texts[:at]:
                    blocks.append(texts[:at])
            else:
                blocks.append(texts)
        last = max(i for i, candidate in enumerate(lines) if candidate.cell and candidate.cell[0] == table)
        return first, recipients, blocks, [candidate.plain for candidate in lines[last + 1:]]
    # typed as paragraphs: recipients lines start with "-", the signer's lines follow (or precede); a signer
    # typed beside the list with tabs ("Nơi nhận:<tab><tab>TM. ỦY BAN NHÂN DÂN") is parted from it
    beside: list[str] = []

    def left(candidate: Line) -> str:
        if len(candidate.tabs) >= 2:
            beside.append(" ".join(candidate.tabs[1:]))
            return candidate.tabs[0]
        glued = _GLUED_TITLE.match(candidate.text)
        if glued and glued["title"] == fmt.upper(glued["title"]):  # a signature cell a .doc ran into the list
            beside.append(glued["title"].strip())
            return glued["entry"].strip()
        return candidate.plain

    recipients = [left(line)]
    i = recipients_at + 1
    while i < len(lines) and lines[i].plain.startswith(("-", "–", "+")):
        recipients.append(left(lines[i]))
        i += 1
    signature = beside + [line.plain for line in lines[i:]]
    before_start = recipients_at
    if not signature:  # the signer typed above "Nơi nhận": the name, then the titles above it
        name = lines[before_start - 1] if before_start > start else None
        if name is not None and name.centred and name.plain != fmt.upper(name.plain) and len(name.plain) <= 40 \
                and not name.plain.endswith((".", ";", ":")):
            before_start -= 1
        while before_start > start and (AUTHORITY_LINE.match(lines[before_start - 1].plain) or (
                lines[before_start - 1].centred and lines[before_start - 1].plain == fmt.upper(lines[before_start - 1].plain))):
            before_start -= 1
        signature = [line.plain for line in lines[before_start:recipients_at]]
    else:
        while before_start > start and AUTHORITY_LINE.match(lines[before_start - 1].plain):
            before_start -= 1
    return before_start, recipients, [signature] if signature else [], []
