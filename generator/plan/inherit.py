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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.errors import Problem, ThiduaError
from generator.core.positions import KEY, Mark, Marks, Path_, locate
from generator.plan.references import reference_problem

FLAGS = ("drop", "replace")


def identity(item: Any) -> str | None:
    if isinstance(item, dict):
        value = item.get("id", item.get("key"))
        return str(value) if value is not None else None
    return None


def key_path(path: Path_) -> Path_:
    """Where the marks keep the position of the key (not the value) at `path`."""
    return (*path, KEY)


def _without_flags(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in FLAGS}


@dataclass(frozen=True)
class Side:
    """One side of a merge: the data's marks and where in them this value sits."""

    marks: dict
    path: Path_ = ()

    def at(self, *parts: Any) -> Side:
        return Side(self.marks, (*self.path, *parts))

    @property
    def mark(self) -> Mark | None:
        return self.marks.get(self.path)


@dataclass
class _Merge:
    """The marks of the result of one merge (None: nobody will ask where a value came from;
    a batch merges thousands of rows and needs marks only on error)."""

    out: Marks | None

    def note(self, target: Path_, mark: Mark | None) -> None:
        if self.out is not None and mark is not None:
            self.out[target] = mark

    def copy(self, value: Any, source: Side, target: Path_) -> None:
        """Copy the marks of `value`, as written at `source`, to `target`."""
        if self.out is None:
            return
        self.note(target, source.mark)
        if isinstance(value, dict):
            for key, child in value.items():
                self.note(key_path((*target, key)), source.marks.get(key_path((*source.path, key))))
                self.copy(child, source.at(key), (*target, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                self.copy(child, source.at(index), (*target, index))

    def merge(self, base: Any, base_side: Side, over: Any, over_side: Side, target: Path_) -> Any:
        if isinstance(base, dict) and isinstance(over, dict):
            self.note(target, over_side.mark or base_side.mark)
            result = {}
            for key, value in base.items():
                if key in over:
                    result[key] = self.merge(value, base_side.at(key), over[key], over_side.at(key), (*target, key))
                    self.note(key_path((*target, key)), over_side.marks.get(key_path((*over_side.path, key))))
                else:
                    self.copy(value, base_side.at(key), (*target, key))
                    self.note(key_path((*target, key)), base_side.marks.get(key_path((*base_side.path, key))))
                    result[key] = value
            for key, value in over.items():
                if key not in base:
                    self.copy(value, over_side.at(key), (*target, key))
                    self.note(key_path((*target, key)), over_side.marks.get(key_path((*over_side.path, key))))
                    result[key] = value
            return result
        if isinstance(base, list) and isinstance(over, list) and over and all(identity(i) for i in over):
            return self.merge_by_id(base, base_side, over, over_side, target)
        self.copy(over, over_side, target)
        return over

    def merge_by_id(self, base: list, base_side: Side, over: list, over_side: Side, target: Path_) -> list:
        self.note(target, over_side.mark or base_side.mark)
        entries: list[_Entry | None] = [_Entry(item, base_side.at(i)) for i, item in enumerate(base)]
        positions = {identity(item): i for i, item in enumerate(base) if identity(item)}
        seen: dict[str | None, int] = {}
        for j, item in enumerate(over):
            key, source = identity(item), over_side.at(j)
            if key in seen:
                mark = locate(over_side.marks, source.path)
                raise ThiduaError([Problem(mark.file or Path("."), f"mã '{key}' xuất hiện hai lần trong cùng danh sách "
                                           f"(mục {seen[key] + 1} và mục {j + 1})", mark.line, mark.column,
                                           hint="gộp hai mục làm một, hoặc đổi mã của một mục")])
            seen[key] = j
            if key in positions:
                index, entry = positions[key], entries[positions[key]]
                if item.get("drop"):
                    entries[index] = None
                elif item.get("replace") or entry is None:
                    entries[index] = _Entry(_without_flags(item), source)
                else:
                    entries[index] = _Entry(entry.value, entry.side, _without_flags(item), source)
            elif not item.get("drop"):
                positions[key] = len(entries)
                entries.append(_Entry(_without_flags(item), source))
        result: list = []
        for entry in entries:
            if entry is None:
                continue
            at = (*target, len(result))
            if entry.over_side is not None:
                result.append(self.merge(entry.value, entry.side, entry.over, entry.over_side, at))
            else:
                self.copy(entry.value, entry.side, at)
                result.append(entry.value)
        return result


@dataclass
class _Entry:
    """An item of a list merged by id: its value, and what an override merges onto it."""

    value: Any
    side: Side
    over: Any = None
    over_side: Side | None = None


def merge(base: Any, over: Any, base_marks: dict | None = None, over_marks: dict | None = None,
          keep_marks: bool = True) -> tuple[Any, Marks]:
    """`over` merged onto `base`, with the marks of the result (empty when not kept)."""
    out = Marks() if keep_marks else None
    merged = _Merge(out).merge(base, Side(base_marks or {}), over, Side(over_marks or {}), ())
    return merged, out if out is not None else Marks()


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
    try:
        return merge(base, data, base_marks, marks)
    except ThiduaError as exc:
        problems.extend(exc.problems)
        return data, marks


def provenance_yaml(data: Any, marks: dict, relative_to: Path) -> str:
    """The resolved plan as YAML, each value followed by the file and line it came from."""
    from generator.plan.yamlwrite import dump_plan

    notes: dict[tuple, str] = {}

    def origin(path: tuple) -> None:
        mark: Mark = locate(marks, path)
        if mark.file is None:
            return
        try:
            name = Path(mark.file).resolve().relative_to(relative_to.resolve())
        except ValueError:
            name = mark.file
        notes[path] = f"{name}:{mark.line}"

    def walk(value: Any, path: tuple) -> None:
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in children:
            if not isinstance(child, (dict, list)) or not child or isinstance(child, list):
                origin((*path, key))
            walk(child, (*path, key))

    walk(data, ())
    return dump_plan(data, notes, [], note_prefix="", in_document_order=False)[0]
