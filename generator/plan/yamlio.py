"""Read YAML the way a clerk wrote it: text stays text, and no input can run away.

- Plain scalars that look like numbers stay strings: in Vietnamese "12.500" is twelve
  thousand five hundred and "02" keeps its zero; the schema decides what a field means.
  Only null and the booleans true/false (as YAML 1.2 and editors read them) are not text.
- Dates stay text too, so an impossible date is a located validation error.
- Control characters are refused before parsing, with their line and column.
- Nesting depth and alias expansion are measured on the event stream (libyaml, no
  recursion) before any object is built, so a "billion laughs" file or a 10,000-deep
  list is refused in milliseconds instead of exhausting memory or the stack.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.core.characters import bad_characters, describe_character, first_bad
from generator.core.errors import Problem, ThiduaError

ALLOWED_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
MAX_DEPTH = 40  # a plan nests sections a few levels deep; 40 YAML levels is far beyond that
MAX_NODES = 200_000  # values after alias expansion: a 100-page plan has a few thousand


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml: ~20× faster
    """SafeLoader whose plain scalars are strings unless they are true/false/null."""


Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# Booleans as YAML 1.2 and every editor read them: true/false only ("yes", "on" stay text).
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                             list("tTfF"))

def control_problem(file: Path, text: str, line: int | None, column: int | None, field: str = "") -> Problem | None:
    """A located problem for the first bad character of `text`, or None."""
    ch = first_bad(text)
    if ch is None:
        return None
    return Problem(file, f"có ký tự điều khiển không in được: {describe_character(ch)}", line, column,
                   field, "xóa ký tự đó rồi gõ lại đoạn chữ (dán vào Notepad trước khi dán vào tệp)")


def scan_characters(file: Path, text: str) -> None:
    """Refuse control characters in the raw file, each with its line and column."""
    problems: list[Problem] = []
    for match in bad_characters(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        if problems and problems[-1].line == line:
            continue
        problems.append(Problem(file, f"có ký tự điều khiển không in được: {describe_character(match.group())}",
                                line, column, hint="xóa ký tự đó rồi gõ lại đoạn chữ"))
        if len(problems) >= 20:
            break
    if problems:
        raise ThiduaError(problems)


def _too_deep(file: Path, mark: Any) -> ThiduaError:
    return ThiduaError([Problem(
        file, f"nội dung lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)", mark.line + 1 if mark else None,
        mark.column + 1 if mark else None, hint="kế hoạch chỉ cần vài cấp mục; kiểm tra thụt lề và dấu ngoặc [ ] { }")])


def _limits(file: Path, text: str) -> None:
    """Depth and expanded size from the event stream, before anything is built."""
    loader = Loader(text)
    sizes: dict[str, int] = {}  # anchor → number of values it stands for
    stack: list[list[Any]] = []  # [anchor, size] of the open collections
    total = depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            tag = getattr(event, "tag", None)
            if tag and tag not in ALLOWED_TAGS and getattr(event, "implicit", True) not in (True, (True, True)):
                mark = event.start_mark
                raise ThiduaError([Problem(
                    file, f"thẻ YAML '{tag.replace('tag:yaml.org,2002:', '!!')}' không dùng được trong kế hoạch",
                    mark.line + 1, mark.column + 1, hint="bỏ thẻ !!…; viết giá trị như chữ bình thường")])
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                stack.append([event.anchor, 1])
                depth = max(depth, len(stack))
                if len(stack) > MAX_DEPTH:
                    raise _too_deep(file, event.start_mark)
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, size = stack.pop()
                if anchor:
                    sizes[anchor] = size
                if stack:
                    stack[-1][1] += size
                else:
                    total += size
                continue
            if isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in stack):
                    mark = event.start_mark
                    raise ThiduaError([Problem(
                        file, f"bí danh *{event.anchor} nằm trong chính nội dung mà nó gọi tới (vòng lặp vô tận)",
                        mark.line + 1, mark.column + 1, hint="viết thẳng nội dung thay cho bí danh")])
                size = sizes.get(event.anchor, 1)
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor:
                    sizes[event.anchor] = 1
            else:
                continue
            if stack:
                stack[-1][1] += size
            else:
                total += size
            if (stack[0][1] if stack else total) > MAX_NODES:
                mark = event.start_mark
                raise ThiduaError([Problem(
                    file, f"nội dung quá lớn: hơn {MAX_NODES:,} giá trị (kể cả phần mở rộng của các bí danh *…)"
                    .replace(",", "."), mark.line + 1, mark.column + 1,
                    hint="tách kế hoạch thành nhiều tệp; viết thẳng nội dung thay cho các bí danh &… / *… lồng nhau")])
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or ""):  # libyaml's own bound (PyYAML ≥ 6.0.4), met while reading ahead
            raise _too_deep(file, exc.problem_mark) from None
        return  # the parse below reports syntax errors with their position
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


# PyYAML's common sentences, in Vietnamese (the English text would confuse a clerk).
_SYNTAX = {
    "mapping values are not allowed here": "dấu ':' đứng sai chỗ (đoạn chữ có dấu ':' cần đặt trong ngoặc kép)",
    "could not find expected ':'": "thiếu dấu ':' sau tên trường",
    "found character '\\t' that cannot start any token": "có ký tự tab: thụt lề bằng dấu cách",
    "found undefined alias": "bí danh (*…) chưa được khai báo",
    "expected <block end>, but found '-'": "gạch đầu dòng '-' thụt lề không thẳng hàng",
    "expected <block end>, but found '<block sequence start>'": "gạch đầu dòng '-' thụt lề không thẳng hàng",
    "expected <block end>, but found '<block mapping start>'": "thụt lề không thẳng hàng với dòng trên",
    "expected <block end>, but found '<scalar>'": "thụt lề không thẳng hàng với dòng trên",
    "found unexpected end of stream": "tệp kết thúc khi dấu ngoặc kép hoặc ngoặc [ { chưa đóng",
    "found unexpected ':'": "dấu ':' đứng sai chỗ",
    "did not find expected key": "thụt lề không thẳng hàng hoặc thiếu tên trường",
    "did not find expected node content": "thiếu giá trị hoặc dấu ngoặc đặt sai",
    "did not find expected ',' or ']'": "danh sách [ … ] thiếu dấu ',' hoặc ']'",
    "did not find expected ',' or '}'": "nhóm { … } thiếu dấu ',' hoặc '}'",
    "found a tab character that violates indentation": "có ký tự tab: thụt lề bằng dấu cách",
    "found unknown escape character": "dấu '\\' trong ngoặc kép: dùng ngoặc đơn '…' thay cho ngoặc kép",
    "found character '@' that cannot start any token": "đoạn chữ bắt đầu bằng '@' cần đặt trong ngoặc kép",
    "found character '`' that cannot start any token": "đoạn chữ bắt đầu bằng '`' cần đặt trong ngoặc kép",
    "found character '%' that cannot start any token": "đoạn chữ bắt đầu bằng '%' cần đặt trong ngoặc kép",
    "but found another document": "tệp chỉ được chứa một văn bản (bỏ dòng '---' thứ hai)",
    "found duplicate anchor": "bí danh &… khai báo hai lần",
    "could not determine a constructor for the tag": "thẻ '!…' không dùng được: bỏ dấu '!' hoặc đặt trong ngoặc kép",
}


def within_limits(data: Any) -> bool:
    """Whether values already read keep to MAX_DEPTH and MAX_NODES as _limits counts them on the events (a key
    is a value; a value met twice, as an alias stands for it, counts twice)."""
    total = 0
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        total += 1
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                return False
            if isinstance(value, dict):
                total += len(value)
                value = value.values()
            pending.extend((inner, depth + 1) for inner in value)
        if total > MAX_NODES:
            return False
    return True


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.problem or ''} {exc.context or ''}"
    for english, vietnamese in _SYNTAX.items():
        if problem.startswith(english) or english in problem:
            return vietnamese
    return "cấu trúc YAML không đúng"


def parse(file: Path, text: str) -> tuple[Any, Any]:
    """The data and the node tree of `text` (a single document), or a located ThiduaError."""
    scan_characters(file, text)
    _limits(file, text)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ThiduaError([Problem(
            file, f"lỗi cú pháp YAML: {_syntax_message(exc)}",
            mark.line + 1 if mark else None, mark.column + 1 if mark else None,
            hint="kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu ':' sau tên trường và dấu ngoặc kép",
        )]) from None
    except yaml.YAMLError as exc:  # e.g. a second document after '---'
        raise ThiduaError([Problem(file, "lỗi cú pháp YAML: tệp chỉ được chứa một văn bản (bỏ dòng '---' thứ hai)"
                                   if "single document" in str(exc) else "lỗi cú pháp YAML", 1, 1)]) from None
    except (RecursionError, MemoryError):
        raise ThiduaError([Problem(file, "nội dung lồng nhau quá sâu hoặc quá lớn", 1, 1)]) from None
    finally:
        loader.dispose()
    return data, node
