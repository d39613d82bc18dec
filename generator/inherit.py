"""Plan inheritance: `extends: <path>` and the rules for merging a plan onto its parent.

- mappings merge key by key;
- in a list whose items carry an `id` (or `key`, for events), items are matched by id:
  an item merges into the parent's item, `replace: true` replaces it whole, `drop: true`
  removes it, and an item with a new id is added at the end;
- any other list replaces the parent's list whole.

Every value keeps the mark of the file and line it came from, so that errors point
into the right file and `thidua show` can say where each value came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from .errors import Problem, ThiduaError
from .positions import Mark, locate
from .references import reference_problem

FLAGS = ("drop", "replace")


class _NoMarks(dict):
    """Stands for `out_marks` when nobody will ask where a value came from."""

    def __setitem__(self, key, value) -> None:
        pass


_NO_MARKS = _NoMarks()


def identity(item: Any) -> Optional[str]:
    if isinstance(item, dict):
        value = item.get("id", item.get("key"))
        return str(value) if value is not None else None
    return None


def copy_marks(value: Any, marks: dict, source: tuple, target: tuple, out: Optional[dict]) -> None:
    """Copy the marks of `value` (at `source` in `marks`) to `target` in `out` (None: no marks kept)."""
    if out is None or out is _NO_MARKS:
        return
    if source in marks:
        out[target] = marks[source]
    if isinstance(value, dict):
        for key, child in value.items():
            if source + (key, "__key__") in marks:
                out[target + (key, "__key__")] = marks[source + (key, "__key__")]
            copy_marks(child, marks, source + (key,), target + (key,), out)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            copy_marks(child, marks, source + (index,), target + (index,), out)


def _without_flags(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in FLAGS}


def merge(base: Any, base_marks: dict, base_path: tuple, over: Any, over_marks: dict, over_path: tuple,
          out_path: tuple, out_marks: Optional[dict]) -> Any:
    """`over` merged onto `base`; the marks of the result are written to `out_marks`
    (pass None to skip them: a batch merges thousands of rows and needs marks only on error)."""
    if out_marks is None:
        out_marks = _NO_MARKS
    if isinstance(base, dict) and isinstance(over, dict):
        out_marks[out_path] = over_marks.get(over_path) or base_marks.get(base_path)
        result = {}
        for key, value in base.items():
            if key in over:
                result[key] = merge(value, base_marks, base_path + (key,), over[key], over_marks,
                                    over_path + (key,), out_path + (key,), out_marks)
                if over_path + (key, "__key__") in over_marks:
                    out_marks[out_path + (key, "__key__")] = over_marks[over_path + (key, "__key__")]
            else:
                copy_marks(value, base_marks, base_path + (key,), out_path + (key,), out_marks)
                if base_path + (key, "__key__") in base_marks:
                    out_marks[out_path + (key, "__key__")] = base_marks[base_path + (key, "__key__")]
                result[key] = value
        for key, value in over.items():
            if key not in base:
                copy_marks(value, over_marks, over_path + (key,), out_path + (key,), out_marks)
                if over_path + (key, "__key__") in over_marks:
                    out_marks[out_path + (key, "__key__")] = over_marks[over_path + (key, "__key__")]
                result[key] = value
        return result
    if isinstance(base, list) and isinstance(over, list) and over and all(identity(i) for i in over):
        return _merge_by_id(base, base_marks, base_path, over, over_marks, over_path, out_path, out_marks)
    copy_marks(over, over_marks, over_path, out_path, out_marks)
    return over


def _merge_by_id(base, base_marks, base_path, over, over_marks, over_path, out_path, out_marks):
    out_marks[out_path] = over_marks.get(over_path) or base_marks.get(base_path)
    # (value, marks source, path in source) for each item of the result, in order
    entries: list[tuple[Any, Optional[tuple]]] = [(item, ("base", base_path + (i,))) for i, item in enumerate(base)]
    positions = {identity(item): i for i, item in enumerate(base) if identity(item)}
    seen: dict[Optional[str], int] = {}
    for j, item in enumerate(over):
        key, source = identity(item), ("over", over_path + (j,))
        if key in seen:
            mark = locate(over_marks, over_path + (j,))
            raise ThiduaError([Problem(mark.file or Path("."), f"mã '{key}' xuất hiện hai lần trong cùng danh sách "
                                       f"(mục {seen[key] + 1} và mục {j + 1})", mark.line, mark.column,
                                       hint="gộp hai mục làm một, hoặc đổi mã của một mục")])
        seen[key] = j
        if key in positions:
            index = positions[key]
            if item.get("drop"):
                entries[index] = (None, None)
            elif item.get("replace"):
                entries[index] = (_without_flags(item), source)
            else:
                entries[index] = (("merge", entries[index], _without_flags(item), source), None)
        elif not item.get("drop"):
            positions[key] = len(entries)
            entries.append((_without_flags(item), source))
    result = []
    for value, source in entries:
        if value is None and source is None:
            continue
        target = out_path + (len(result),)
        if isinstance(value, tuple) and value and value[0] == "merge":
            _, (base_item, (_, base_item_path)), over_item, (_, over_item_path) = value
            result.append(merge(base_item, base_marks, base_item_path, over_item, over_marks, over_item_path,
                                target, out_marks))
            continue
        side, path = source
        copy_marks(value, base_marks if side == "base" else over_marks, path, target, out_marks)
        result.append(value)
    return result


def resolve(file: Path, data: dict, marks: dict, load_data, problems: list[Problem],
            chain: tuple[Path, ...] = ()) -> tuple[dict, dict]:
    """Follow `extends` up the chain and merge; cycles and missing parents are located errors."""
    parent_ref = data.get("extends")
    if parent_ref is None:
        return data, marks
    mark = locate(marks, ("extends",))
    data = {k: v for k, v in data.items() if k != "extends"}
    if not isinstance(parent_ref, str) or not parent_ref.strip():
        problems.append(Problem(file, "extends cần đường dẫn tới kế hoạch gốc", mark.line, mark.column, "extends"))
        return data, marks
    parent, message, hint = reference_problem(file, parent_ref, (".yaml", ".yml"))
    if parent is None:
        problems.append(Problem(file, f"extends: {message}", mark.line, mark.column, "extends", hint))
        return data, marks
    here = file.resolve()
    if parent in (*chain, here):
        loop = " → ".join(p.name for p in (*chain, here, parent))
        problems.append(Problem(file, f"kế thừa vòng tròn: {loop}", mark.line, mark.column, "extends",
                                "bỏ extends ở một trong các tệp"))
        return data, marks
    if not parent.is_file():
        problems.append(Problem(file, f"không tìm thấy kế hoạch gốc '{parent_ref}'", mark.line, mark.column,
                                "extends", "đường dẫn tính từ thư mục của tệp này"))
        return data, marks
    try:
        base, base_marks = load_data(parent, problems)
    except ThiduaError as exc:
        problems.extend(exc.problems)
        return data, marks
    base, base_marks = resolve(parent, base, base_marks, load_data, problems, (*chain, here))
    out_marks: dict = {}
    try:
        merged = merge(base, base_marks, (), data, marks, (), (), out_marks)
    except ThiduaError as exc:
        problems.extend(exc.problems)
        return data, marks
    return merged, out_marks


def provenance_yaml(data: Any, marks: dict, relative_to: Path) -> str:
    """The resolved plan as YAML, each value followed by the file and line it came from."""
    import yaml

    def scalar(value) -> str:
        return yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True).strip() \
            .removesuffix("\n...").removesuffix("...").strip()

    def origin(path) -> str:
        mark: Mark = locate(marks, path)
        if mark.file is None:
            return ""
        try:
            name = Path(mark.file).resolve().relative_to(relative_to.resolve())
        except ValueError:
            name = mark.file
        return f"  # {name}:{mark.line}"

    lines: list[str] = []

    def emit(value, path, indent, prefix=""):
        pad = " " * indent
        if isinstance(value, dict) and value:
            first = True
            for key, child in value.items():
                lead = prefix if first else " " * len(prefix)
                first = False
                if isinstance(child, (dict, list)) and child:
                    lines.append(f"{pad}{lead}{key}:{origin(path + (key,)) if isinstance(child, list) else ''}")
                    emit(child, path + (key,), indent + len(prefix) + 2)
                else:
                    lines.append(f"{pad}{lead}{key}: {scalar(child)}{origin(path + (key,))}")
        elif isinstance(value, list) and value:
            for index, child in enumerate(value):
                if isinstance(child, (dict, list)) and child:
                    emit(child, path + (index,), indent, "- ")
                else:
                    lines.append(f"{pad}- {scalar(child)}{origin(path + (index,))}")
        else:
            lines.append(f"{pad}{prefix}{scalar(value)}{origin(path)}")

    emit(data, (), 0)
    return "\n".join(lines) + "\n"

