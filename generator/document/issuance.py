"""Who issues and who signs: the header's issuer lines, the number, the signature blocks
and the recipients, for every issuer family (see families.py for what differs).

No .docx here: the template context, `diff` and `lint` read the same lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.core import formatting as fmt
from generator.core.families import DEFAULT, FAMILIES, Family, is_collective
from generator.plan.model import Authority, Issuer, Plan, SignatureBlock, Signer

PEOPLES_COMMITTEE = DEFAULT.default_body or ""


def family_of(plan: Plan) -> Family:
    return FAMILIES[plan.family]


def body_of(issuer: Issuer) -> str:
    """The issuing body's name without its place ("Ủy ban nhân dân", "Sở Nội vụ")."""
    return issuer.unit or issuer.body or PEOPLES_COMMITTEE


def issuer_name(issuer: Issuer) -> str:
    """"Ủy ban nhân dân xã An Thới Đông", "Sở Nội vụ": the body as a sentence names it."""
    return issuer.unit or f"{body_of(issuer)} {issuer.level.value} {issuer.name}"


def symbol_of(issuer: Issuer) -> str:
    return issuer.symbol or "UBND"  # the loader refuses a missing symbol for anything but a UBND


def issuers(plan: Plan) -> list[Issuer]:
    return [plan.issuer, *(partner.issuer for partner in plan.partners)]


def issuer_lines(plan: Plan) -> tuple[str | None, list[str]]:
    """(the parent body's line or None, the issuer's lines), in capitals.

    Joint plans of bodies of one place stack the bodies over the place once
    ("ỦY BAN NHÂN DÂN / ỦY BAN MTTQ VIỆT NAM / XÃ AN THỚI ĐÔNG"), as in practice."""
    everyone = issuers(plan)
    parent = plan.issuer.parent and fmt.upper(plan.issuer.parent)
    places = {(i.level, i.name) for i in everyone}
    if len(everyone) > 1 and len(places) == 1 and not any(i.unit for i in everyone):
        level, name = places.pop()
        return parent, [fmt.upper(body_of(i)) for i in everyone] + [fmt.upper(f"{level.value} {name}")]
    one_line = family_of(plan).issuer_on_one_line
    lines: list[str] = []
    for issuer in everyone:
        if issuer.unit:
            lines.append(fmt.upper(issuer.unit))
        else:
            words = [fmt.upper(body_of(issuer)), fmt.upper(f"{issuer.level.value} {issuer.name}")]
            lines += [" ".join(words)] if one_line else words
    return parent, lines


def number_line(plan: Plan) -> str:
    """"Số: 05/KH-UBND", "Số 05-KH/ĐU", "Số: 05-KH/ĐTN", "Số: 01/KH-UBND-UBMTTQ"."""
    numbered = [plan.issuer, *(partner.issuer for partner in plan.partners if partner.in_number)]
    return family_of(plan).number_line(plan.number, plan.kind_symbol, [symbol_of(i) for i in numbered])


def place_name(plan: Plan) -> str:
    issuer = plan.issuer
    if issuer.place:
        return issuer.place
    if issuer.name.strip().isdigit():  # "Quận 1": the generic word stays (Phụ lục II)
        return f"{issuer.level.value.capitalize()} {issuer.name}"
    return issuer.name


def date_line(plan: Plan) -> str:
    date = plan.date
    return fmt.date_line(place_name(plan), date.day if date else None, date.month if date else None,
                         (date.year if date else None) or plan.year)


# ------------------------------------------------------------------ signature blocks


@dataclass(frozen=True)
class Line:
    """One line of the recipients-and-signature area; the template styles it by `kind`."""

    kind: str  # label, entry, title (bold caps), post (caps, not bold), note, space, name
    text: str = ""

    def as_context(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


SPACE_FOR_SIGNATURE = 4  # empty lines between the posts and the name, as in ND30's specimen


def _head_of(signer: Signer) -> str | None:
    """The head a deputy signs for: "Phó Giám đốc" signs "KT. GIÁM ĐỐC", "Phó Hiệu trưởng" "KT. HIỆU TRƯỞNG"."""
    title = (signer.title or "").strip()
    if signer.authority is not Authority.deputy or not title.lower().startswith("phó "):
        return None
    head = re.sub(r"\s+thường trực$", "", title[4:].strip(), flags=re.IGNORECASE)
    return head[:1].upper() + head[1:] if head else None


def signer_lines(issuer: Issuer, signer: Signer, family: Family) -> list[Line]:
    """"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "T/M BAN THƯỜNG VỤ / BÍ THƯ", …"""
    head = signer.head_title or _head_of(signer) or family.head_title
    explicit = signer.on_behalf_of
    collective = explicit if explicit is not None else body_of(issuer)
    authority = signer.authority
    prefixes: list[str] = []
    on_behalf = authority is Authority.on_behalf or (
        authority in (Authority.deputy, Authority.acting) and (explicit or (explicit is None and is_collective(collective))))
    if on_behalf and collective:
        prefixes.append(f"{family.prefix('TM')} {collective}")
    if authority in (Authority.deputy, Authority.acting, Authority.by_order, Authority.delegated):
        prefixes.append(f"{family.prefix(authority.value)} {head}")
    posts = [] if authority is Authority.acting else [signer.title or head]
    posts += signer.extra_titles
    post_kind = "title" if family.title_bold else "post"
    return [Line("title", fmt.upper(p)) for p in prefixes] + [Line(post_kind, fmt.upper(p)) for p in posts]


def _with_name(lines: list[Line], name: str, note: str = "") -> list[Line]:
    return [*lines, *([Line("note", note)] if note else []), *[Line("space")] * SPACE_FOR_SIGNATURE, Line("name", name)]


def signature_block(issuer: Issuer, signer: Signer, family: Family) -> list[Line]:
    return _with_name(signer_lines(issuer, signer, family), signer.name, signer.note)


def extra_block(block: SignatureBlock) -> list[Line]:
    return _with_name([Line("title", fmt.upper(t)) for t in block.lines], block.name, block.note)


def recipient_block(plan: Plan) -> list[Line]:
    family = family_of(plan)
    items = [f"- {r.text.rstrip(' ;.')}{' (B/c)' if r.report else ''};" for r in plan.recipients.items]
    archive = plan.recipients.archive
    if archive is None:
        archive = family.default_archive or body_of(plan.issuer)
    return [Line("label", "Nơi nhận:"), *(Line("entry", t) for t in items),
            Line("entry", family.archive.format(archive=archive.rstrip(" ."))) ]


def signature_rows(plan: Plan) -> list[tuple[list[Line], list[Line]]]:
    """The recipients-and-signature table (left cell, right cell): one row that never splits.

    One signer: recipients | signer. With an approval block or joint issuers, the blocks stand
    side by side (the lead body on `lead_side`, an approval block on the left) and the
    recipients follow the left-hand block in its cell, so that nothing is parted by a page break."""
    family = family_of(plan)
    main = signature_block(plan.issuer, plan.signer, family)
    partners = [signature_block(p.issuer, p.signer, family) for p in plan.partners]
    recipients = recipient_block(plan)
    if not partners and plan.approval is None:
        return [(recipients, main)]
    blocks = [*reversed(partners), main] if plan.lead_side == "phải" else [main, *partners]
    if plan.approval is not None:
        blocks.insert(0, extra_block(plan.approval))
    gap = [Line("space")] * 2
    left = [line for block in blocks[0::2] for line in (*block, *gap)]
    right = [line for i, block in enumerate(blocks[1::2]) for line in (*(gap if i else ()), *block)]
    return [(left + recipients, right)]


def signature_text(plan: Plan) -> list[str]:
    """The signature lines as text, every signer (for `diff` and messages)."""
    return [line.text for left, right in signature_rows(plan) for line in (*left, *right)
            if line.kind in ("title", "post", "name") and line.text]
