"""Load a plan file: read, parse YAML with positions, clean text, validate.

Every problem in a file is collected and reported at once, each with its file, line,
column and field path, in Vietnamese.
"""

from __future__ import annotations

import difflib
import typing
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.core.anniversaries import unknown_event_keys
from generator.core.characters import bad_characters, first_bad
from generator.core.errors import Problem, ThiduaError, os_reason
from generator.core.positions import KEY, NOWHERE, Mark, Marks, Path_, format_path, locate  # noqa: F401 - re-exported
from generator.plan import yamlio
from generator.plan.expressions import evaluate_tree, helpers, plan_year
from generator.plan.model import Plan, unknown_banner, unnamed_issuers

if TYPE_CHECKING:
    from generator.plan.results import ReportInputs

MAX_FILE_BYTES = 8 * 2**20  # a 100-page plan is a few hundred KB; a table of every commune, about 1 MB


def file_size(file: Path) -> int:
    """The size of a file the user named, refused with the reason when it is no ordinary file:
    missing, a folder, or a FIFO, device or socket (one blocks a reader, another never ends)."""
    from generator.system.files import not_ordinary

    refused = not_ordinary(file)
    if refused is not None:
        raise ThiduaError([Problem(file, refused.reason, hint=refused.hint)])
    try:
        return file.stat().st_size
    except OSError as exc:
        raise ThiduaError([Problem(file, f"không đọc được tệp ({os_reason(exc)})")]) from None


def read_bytes(file: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a plan or table file, refused past `limit` (read bounded all the same:
    the file may grow while it is read)."""
    too_big = ThiduaError([Problem(file, f"tệp quá lớn (hơn {limit / 2**20:.0f} MB); một kế hoạch hay một bảng "
                                   "xã, phường chỉ vài trăm KB", hint="kiểm tra xem có chọn nhầm tệp không")])
    if file_size(file) > limit:
        raise too_big
    try:
        with open(file, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise ThiduaError([Problem(file, f"không đọc được tệp ({os_reason(exc)})",
                                   hint="kiểm tra quyền đọc tệp và đường dẫn")]) from None
    if len(raw) > limit:
        raise too_big
    return raw


def read_text(file: Path) -> str:
    raw = read_bytes(file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ThiduaError([Problem(
            file, "tệp không phải mã UTF-8", line, column,
            hint="mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8 (Unicode)",
        )]) from None
    return non_empty(file, text)


def non_empty(file: Path, text: str) -> str:
    if not text.strip():
        raise ThiduaError([Problem(file, "tệp rỗng", hint="viết nội dung kế hoạch theo mẫu trong thư mục plans/")])
    return text


def parse_yaml(file: Path, text: str) -> tuple[Any, dict[Path_, Mark]]:
    """Parse YAML; return the data and where every key and value was written."""
    data, node = yamlio.parse(file, text)
    if not isinstance(data, dict):
        raise ThiduaError([Problem(file, "nội dung phải là các cặp 'tên trường: giá trị'", 1, 1,
                                   hint="xem mẫu trong thư mục plans/")])
    marks = Marks()
    problems: list[Problem] = []
    _record_marks(file, node, (), marks, problems)
    if problems:
        raise ThiduaError(problems)
    return data, marks


def _record_marks(file, node, path, marks, problems):
    marks[path] = Mark(node.start_mark.line + 1, node.start_mark.column + 1, file)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(Problem(
                    file, f"trường '{key}' bị khai báo hai lần", key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1, format_path(path), "xóa một trong hai",
                ))
            seen.add(key)
            _record_marks(file, value_node, path + (key,), marks, problems)
            marks[path + (key, KEY)] = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _record_marks(file, child, path + (index,), marks, problems)


def clean_text(data: Any, path: Path_, problems: list[Problem], file: Path, marks) -> Any:
    """NFC-normalise every string, fold line breaks, reject control characters."""
    if isinstance(data, dict):
        return {key: clean_text(value, path + (key,), problems, file, marks) for key, value in data.items()}
    if isinstance(data, list):
        return [clean_text(value, path + (i,), problems, file, marks) for i, value in enumerate(data)]
    if isinstance(data, str):
        text = unicodedata.normalize("NFC", data)
        # Line breaks inside a YAML block become spaces: one paragraph per item (ND30 justified text).
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = " ".join(text.replace("\t", " ").split("\n")) if "\n" in text or "\t" in text else text
        bad = [match.group() for match in bad_characters(text)]
        if bad:
            mark = locate(marks, path)
            codes = ", ".join(dict.fromkeys(yamlio.describe_character(ch) for ch in bad))
            problems.append(Problem(mark.file or file, f"có ký tự điều khiển không in được: {codes}", mark.line,
                                    mark.column, format_path(path), "xóa ký tự đó rồi gõ lại đoạn chữ", mark.sheet))
        return text
    return data


def problem_at(marks, path, file: Path, message: str, hint: str = "", field: Path_ | None = None) -> Problem:
    mark = locate(marks, path)
    return Problem(mark.file or file, message, mark.line, mark.column,
                   format_path(path if field is None else field), hint, mark.sheet)


_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "string_type": "cần một đoạn chữ",
    "int_type": "cần một số nguyên",
    "int_parsing": "cần một số nguyên",
    "int_from_float": "cần một số nguyên",
    "bool_type": "cần true (có) hoặc false (không)",
    "bool_parsing": "cần true (có) hoặc false (không)",
    "list_type": "cần một danh sách (các dòng bắt đầu bằng '- ')",
    "dict_type": "cần các cặp 'tên trường: giá trị'",
    "model_type": "cần các cặp 'tên trường: giá trị'",
    "model_attributes_type": "cần các cặp 'tên trường: giá trị'",
    "greater_than_equal": "giá trị quá nhỏ",
    "less_than_equal": "giá trị quá lớn",
}


def _message(error: Any) -> tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get('expected', '')).replace(' or ', ', ')
        hint = f"chọn một trong: {expected}"
        if not isinstance(error["input"], str):  # YAML read `1.` as the number 1.0
            hint += "; đặt giá trị trong ngoặc kép, ví dụ: '1.'"
        return f"giá trị {error['input']!r} không hợp lệ", hint
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), ""
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        return f"{_MESSAGES[kind]} ({error['input']!r})", f"giới hạn là {bound}"
    if kind in _MESSAGES:
        return _MESSAGES[kind], ""
    return f"giá trị không hợp lệ ({error['msg']})", ""


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at `path` (for key suggestions)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            current = _unwrap(current, want_list_item=True)
            continue
        current = _unwrap(current)
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = current.model_fields[part].annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(tp: Any, want_list_item: bool = False) -> Any:
    for _ in range(6):
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (list, tuple) and want_list_item:
            tp, want_list_item = typing.get_args(tp)[0], False
        elif origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
            models = [a for a in typing.get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)]
            others = [a for a in typing.get_args(tp) if typing.get_origin(a) in (list, typing.Annotated)]
            tp = (models or others or [tp])[0]
            if tp is not None and typing.get_origin(tp) is None and not models:
                break
        else:
            break
    return tp


def data_path(data: Any, loc: tuple, keep_last: bool = False) -> Path_:
    """The part of a pydantic error location that names real keys and indexes of `data`
    (pydantic adds the names of union members: 'int', 'function-after[…]')."""
    path: list = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path.append(part)
        elif keep_last and i == len(loc) - 1:
            path.append(part)
    return tuple(path)


def to_problems(file: Path, exc: ValidationError, marks, data: Any) -> list[Problem]:
    problems = []
    for error in exc.errors():
        path = data_path(data, error["loc"], keep_last=error["type"] in ("missing", "extra_forbidden"))
        if error["type"] in ("missing", "extra_forbidden") and not path:
            path = tuple(error["loc"][-1:])
        message, hint = _message(error)
        if error["type"] == "extra_forbidden":
            key = path[-1]
            mark = marks.get((*path, KEY), locate(marks, path))
            model = _model_at(Plan, path[:-1])
            fields = list(model.model_fields) if model else []
            close = difflib.get_close_matches(str(key), fields, n=1, cutoff=0.5)
            message = f"trường '{key}' không có trong mẫu kế hoạch"
            hint = f"có phải ý bạn là '{close[0]}'?" if close else (
                f"các trường hợp lệ: {', '.join(fields)}" if fields else "xóa trường này")
            if " " in str(key):  # `{label: a, b}`: a comma split the text into a new key
                hint = "đoạn chữ có dấu phẩy trong {…} phải đặt trong ngoặc kép, ví dụ: label: 'cơ quan, đơn vị'"
            problems.append(Problem(mark.file or file, message, mark.line, mark.column, format_path(path[:-1]), hint,
                                    mark.sheet))
            continue
        if error["type"] == "missing":
            problems.append(problem_at(marks, path[:-1], file, message, f"thêm dòng '{path[-1]}: …'", path))
            continue
        if error["type"] in ("model_type", "model_attributes_type", "dict_type") and isinstance(error["input"], list):
            model = _model_at(Plan, path)
            if model is not None and "items" in model.model_fields:
                hint = f"viết '{path[-1] if path else 'items'}:' rồi xuống dòng 'items:' và liệt kê các dòng '- …' bên dưới"
        problems.append(problem_at(marks, path, file, message, hint))
    return problems


def unplaced_content(plan: Plan) -> list[tuple[tuple, str, str]]:
    """Targets or rounds that no section shows would silently vanish from the document."""
    placed = [(s.targets or s.table == "targets", s.rounds or s.table == "rounds") for s in plan.all_sections()]
    problems = []
    for key, name in (("targets", "các nhóm chỉ tiêu"), ("rounds", "các đợt thi đua")):
        if getattr(plan, key) and not any(f[key == "rounds"] for f in placed):
            problems.append(((key,), f"{name} ({key}) chưa được đặt vào mục nào nên sẽ không được in ra",
                             f"thêm '{key}: true' (hoặc 'table: {key}') vào mục cần chèn"))
    return problems


def untitled_headings(plan: Plan) -> list[tuple[tuple, str, str]]:
    """A level-I section prints as a bold upper-case heading (ND30): it needs a title."""
    return [(("sections", i), "mục cấp I (I., II., …) cần title: tiêu đề in hoa, đậm",
             "thêm 'title: …'; đoạn văn viết liền số thứ tự (text) chỉ dùng ở các cấp dưới")
            for i, section in enumerate(plan.sections) if not section.title]


def load_data(file: Path, problems: list[Problem], text: str | None = None) -> tuple[dict, dict]:
    """Read and parse a plan file into cleaned data plus positions; text problems
    are appended to `problems` so that validation can still report the rest."""
    file = Path(file)
    if text is None:
        text = read_text(file)
    elif not text.strip():
        raise ThiduaError([Problem(file, "tệp rỗng")])
    data, marks = parse_yaml(file, text)
    data = clean_text(data, (), problems, file, marks)
    return data, marks


@dataclass
class Loaded:
    """A validated plan with what lint and new-year need: the text as written."""

    file: Path
    raw: dict[str, Any]  # cleaned data before expressions are evaluated
    marks: Marks  # where each value was written, by field path
    plan: Plan
    report: ReportInputs | None = None  # a report's plan and results (plan.results), read when it is loaded


def load(file: Path | str, text: str | None = None) -> Loaded:
    """Load a plan file (following `extends`), evaluate expressions and validate;
    raise ThiduaError listing every problem.

    `text` gives the content when it does not come from `file` (a git revision)."""
    from generator.plan.inherit import resolve  # inherit builds on this module

    file = Path(file)
    problems: list[Problem] = []
    raw, marks = load_data(file, problems, text)
    raw, marks = resolve(file, raw, marks, load_data, problems)
    if any(p.field == "extends" for p in problems):  # without its base, every inherited field would seem missing
        raise ThiduaError(problems)
    loaded = validate_data(file, raw, marks, problems)
    if loaded.plan.report is not None:
        from generator.plan.results import report_inputs  # results reads plans through this module

        loaded.report = report_inputs(loaded)
    return loaded


def validate_data(file: Path, raw: dict, marks: dict, problems: list[Problem] | None = None,
                  plain_ids: frozenset = frozenset()) -> Loaded:
    """Evaluate expressions and validate plan data (from a file, or merged in memory).
    `plain_ids`: containers known to hold no expression (see expressions.plain_containers)."""
    problems = list(problems or [])

    def located(path, message, hint=""):
        problems.append(problem_at(marks, path, file, message, hint))

    data = raw
    year = plan_year(raw)
    if year is not None:
        errors: list = []
        data = evaluate_tree(raw, helpers(year, raw.get("events"), raw.get("issuer")), (), errors, plain_ids)
        for path, message in errors:
            located(path, message, "sửa biểu thức {{ … }} trong đoạn chữ")
    plan = None
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        problems += to_problems(file, exc, marks, data)
    if plan is not None:
        for path, message, hint in [*unknown_event_keys(plan), *unplaced_content(plan), *untitled_headings(plan),
                                    *unnamed_issuers(plan), *unknown_banner(plan)]:
            located(path, message, hint)
    if problems or plan is None:
        problems.sort(key=lambda p: (str(p.file), p.line or 0, p.column or 0))
        raise ThiduaError(problems)
    return Loaded(file, raw, marks if isinstance(marks, Marks) else Marks(marks), plan)


def written_problems(file: Path, text: str) -> list[Problem]:
    """What load() refuses in the text of a plan thidua has just written to `file` (yamlwrite.dump_plan:
    fields the model knows, each key once), each problem with its line.

    The text is read first for its values alone, by the loader's own YAML reading, and judged as load()
    judges them: on a 1,000-page import that takes half the time, the positions of 40,000 values being
    what it leaves out. Only text with something to refuse is read again by load(), whose problems say
    where. tests/test_yaml_writer.py holds the two to the same problems for any plan the writer writes."""
    if _values_pass(file, text):
        return []
    try:
        load(file, text)
    except ThiduaError as exc:
        return exc.problems
    return []


def _values_pass(file: Path, text: str) -> bool:
    """Whether load() would accept `text`, judged without positions; False whenever in doubt."""
    if first_bad(text) is not None:  # in a comment too: load() refuses the raw text
        return False
    try:
        data = yaml.load(text, Loader=yamlio.Loader)  # the loader's own reading: strings, lists, maps
    except (yaml.YAMLError, RecursionError):
        return False
    if not isinstance(data, dict) or "extends" in data or "report" in data or not yamlio.within_limits(data):
        return False  # a base to merge, a report's results to read, a bound passed: load() says it
    problems: list[Problem] = []
    cleaned = clean_text(data, (), problems, file, Marks())
    if problems:
        return False
    try:
        validate_data(file, cleaned, Marks())
    except ThiduaError:
        return False
    return True


def load_plan(file: Path | str) -> Plan:
    """Load and validate a plan; raise ThiduaError listing every problem."""
    return load(file).plan
