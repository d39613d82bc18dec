"""`thidua check`: verify any .docx against the layout rules of Nghị định 30/2020/NĐ-CP.

The rules are a registry (`RULES`): each is a small function with its clause of the
decree, its severity and the document kinds it applies to. A rule ends as passed,
failed, not evaluable (the part could not be found or its value is not stored in the
file: never reported as passed) or a notice. Adding a rule is adding an entry.
"""

from __future__ import annotations

from pathlib import Path

from generator.checking import rules_body, rules_document, rules_header, rules_letter, rules_page, rules_signature  # noqa: F401  (registers the rules, in this order)
from generator.checking.reading import Reading
from generator.checking.registry import RULES, Result, Status
from generator.core.families import Family


def check_docx(path: Path | str, family: Family | None = None, kind: str | None = None) -> list[Result]:
    """Every rule's result; raise ValueError with a Vietnamese reason for a file that cannot be judged.

    `family` and `kind` are what the user stated; None: read from the document. A file past the limits
    of a document is refused (word.limits.NotReadable, a ValueError) before it is parsed."""
    reading = Reading(Path(path), family, kind)
    results = []
    for rule in RULES:
        try:
            result = rule.run(reading)
        except Exception as exc:  # a bug of this rule, not a fault of the file: said as such
            raise RuleError(rule.id, exc) from exc
        if result is not None:
            results.append(result)
    return results


class RuleError(Exception):
    """A rule of thidua failed on a file it could read: thidua's bug, never blamed on the file."""

    def __init__(self, rule_id: str, exc: Exception):
        self.rule_id, self.cause = rule_id, exc
        super().__init__(f"lỗi nội bộ của thidua ở quy tắc {rule_id} ({type(exc).__name__}: {str(exc)[:200]})")


def failed(results: list[Result]) -> bool:
    return any(r.status is Status.failed for r in results)


def verdict(results: list[Result]) -> tuple[int, str]:
    """(exit code, words): "đạt" only when every rule that applies was evaluated and passed."""
    errors = [r for r in results if r.status is Status.failed]
    unknown = [r for r in results if r.status is Status.unknown]
    if errors:
        return 1, f"có {len(errors)} lỗi thể thức" + (f"; {len(unknown)} quy tắc chưa đánh giá được" if unknown else "")
    if unknown:
        names = "; ".join(r.rule for r in unknown[:5]) + ("; …" if len(unknown) > 5 else "")
        return 3, f"chưa đánh giá được đầy đủ ({len(unknown)} quy tắc: {names}): cần người xem lại"
    return 0, "đạt thể thức"
