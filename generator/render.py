"""Render a plan into a .docx through docxtpl, safely and without losing work.

- Jinja runs in a SandboxedEnvironment with autoescape and StrictUndefined; an
  undefined name is reported with its full path ("issuer.parnt").
- The compiled Jinja of a template is cached per process: docxtpl otherwise spends
  most of its time recompiling the same XML for every document.
- Output is written to a temporary file in the target folder and renamed, so a
  failure or a kill never leaves a half-written .docx.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from .context import build_context
from .errors import Problem, ThiduaError, fail
from .model import Plan

TEMPLATE_DIR = Path(os.environ.get("THIDUA_TEMPLATES", Path(__file__).resolve().parent.parent / "templates"))
TEMPLATE_FOR_KIND = {"PHÁT ĐỘNG": "phat-dong.docx"}
DEFAULT_TEMPLATE = "ke-hoach.docx"


class Node(dict):
    """A context mapping that knows its own path, for located undefined errors."""

    def __init__(self, data: dict, path: str):
        super().__init__({k: wrap(v, f"{path}.{k}" if path else k) for k, v in data.items()})
        self.path = path


def wrap(value: Any, path: str) -> Any:
    if isinstance(value, dict):
        return Node(value, path)
    if isinstance(value, list):
        return [wrap(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


class _Environment(SandboxedEnvironment):
    def _lookup(self, obj, name, found):
        if isinstance(found, jinja2.Undefined) and isinstance(obj, Node):
            full = f"{obj.path}.{name}" if obj.path else str(name)
            return self.undefined(f"tên '{full}' không có trong dữ liệu của mẫu", obj=obj, name=name)
        return found

    def getattr(self, obj, attribute):
        return self._lookup(obj, attribute, super().getattr(obj, attribute))

    def getitem(self, obj, argument):
        return self._lookup(obj, argument, super().getitem(obj, argument))

    @lru_cache(maxsize=64)  # noqa: B019 - the environment lives as long as the process
    def from_string(self, source, globals=None, template_class=None):  # type: ignore[override]
        return super().from_string(source, globals, template_class)


def make_environment() -> SandboxedEnvironment:
    return _Environment(autoescape=True, undefined=jinja2.StrictUndefined)


ENVIRONMENT = make_environment()


def template_path(plan: Plan, plan_file: Path | None) -> Path:
    if plan.template:
        base = plan_file.parent if plan_file else Path.cwd()
        return (base / plan.template).resolve()
    return TEMPLATE_DIR / TEMPLATE_FOR_KIND.get(plan.kind, DEFAULT_TEMPLATE)


def render_bytes(template: Path, context: dict) -> bytes:
    if not template.is_file():
        raise fail(template, "không tìm thấy tệp mẫu .docx",
                   "kiểm tra trường 'template' hoặc chạy lại: python templates/build_templates.py")
    try:
        document = DocxTemplate(str(template))
        document.render(wrap(context, ""), jinja_env=ENVIRONMENT, autoescape=True)
    except jinja2.UndefinedError as exc:
        raise fail(template, f"lỗi mẫu: {exc}", "sửa thẻ {{ … }} trong mẫu cho đúng tên") from None
    except jinja2.TemplateSyntaxError as exc:
        raise fail(template, f"lỗi cú pháp thẻ trong mẫu (đoạn {exc.lineno}): {exc.message}",
                   "gõ lại thẻ {{ … }} hoặc {%p … %} liền một lần, không định dạng giữa chừng") from None
    except jinja2.TemplateError as exc:  # e.g. the sandbox refused an unsafe attribute
        raise fail(template, f"lỗi mẫu: {exc}") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise fail(template, f"tệp mẫu không phải .docx hợp lệ ({exc})") from None
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` via a temporary file and a rename in the same folder."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ThiduaError([Problem(target.parent, f"không ghi được vào thư mục ({exc.strerror})",
                                   hint="chọn thư mục khác bằng -o hoặc cấp quyền ghi")]) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ThiduaError([Problem(target, f"không ghi được tệp ({exc.strerror})",
                                   hint="đóng tệp nếu đang mở trong Word rồi chạy lại")]) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render_plan(plan: Plan, plan_file: Path | None, target: Path) -> Path:
    write_atomic(target, render_bytes(template_path(plan, plan_file), build_context(plan)))
    return target
