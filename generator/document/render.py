"""Render a plan into a .docx through docxtpl, safely and without losing work.

- Jinja runs in a SandboxedEnvironment with autoescape and StrictUndefined; an
  undefined name is reported with its full path ("issuer.parnt").
- A template is parsed and its Jinja compiled once per process (CompiledTemplate):
  docxtpl otherwise spends most of its time recompiling the same XML for every document.
- Output is written to a temporary file in the target folder and renamed, so a
  failure or a kill never leaves a half-written .docx.
"""

from __future__ import annotations

import copy
import io
import os
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from generator.core.errors import fail
from generator.core.families import FAMILIES
from generator.plan.model import Plan
from generator.plan.references import checked_reference


def _template_dir() -> Path:
    """The shipped templates: inside the installed package (a wheel) or templates/ (a checkout)."""
    configured = os.environ.get("THIDUA_TEMPLATES")
    if configured:
        return Path(configured)
    from importlib.resources import files

    try:
        return Path(str(files("generator.templates")))  # a regular package: a real folder
    except ModuleNotFoundError:  # run from a checkout that was never installed
        return Path(__file__).resolve().parents[2] / "templates"


TEMPLATE_DIR = _template_dir()


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


ENVIRONMENT = _Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def template_path(plan: Plan, plan_file: Path | None) -> Path:
    if plan.template:
        return checked_reference(plan_file or Path.cwd() / "plan.yaml", plan.template, "template", (".docx",))
    return TEMPLATE_DIR / FAMILIES[plan.family].template(plan.kind)


class CompiledTemplate:
    """A template parsed and compiled once, rendered many times.

    docxtpl reloads the .docx, re-runs its regex clean-up and recompiles the Jinja of
    the whole document on every render. Here those steps run once; each render only
    runs the compiled Jinja, docxtpl's own post-processing of the body (so the XML is
    the same as docxtpl's), and writes the zip with the other parts unchanged.
    Templates with tags outside the body (headers, footers, properties, footnotes)
    take docxtpl's ordinary path.
    """

    def __init__(self, path: Path):
        self.path = path
        self.docxtpl = DocxTemplate(str(path))
        self.docxtpl.render_init()
        self.fast = not self._tags_outside_body()
        if not self.fast:
            return
        source = self.docxtpl.patch_xml(self.docxtpl.get_xml())
        self.body = ENVIRONMENT.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", source))
        root = self.docxtpl.docx.element
        self.body_index = root.index(root.body)
        self.shell = copy.deepcopy(root)
        self.shell.remove(self.shell[self.body_index])
        package = io.BytesIO()
        self.docxtpl.docx.save(package)
        with zipfile.ZipFile(package) as archive:
            # A fixed date in every entry: the same plan always gives the same bytes, which is
            # how the manifest tells a hand-edited file from one thidua wrote.
            self.parts = [(_entry(info.filename), archive.read(info)) for info in archive.infolist()]

    def _tags_outside_body(self) -> bool:
        docx = self.docxtpl.docx
        blobs = [part.blob for part in docx.part.package.parts if part is not docx.part]
        properties = docx.core_properties
        texts = [properties.author, properties.comments, properties.subject, properties.title,
                 properties.identifier, properties.language]
        return any(b"{{" in blob or b"{%" in blob for blob in blobs if isinstance(blob, bytes)) or \
            any(t and ("{{" in t or "{%" in t) for t in texts)

    def render(self, context: Mapping[str, Any]) -> bytes:
        if not self.fast:
            document = DocxTemplate(str(self.path))
            document.render(context, jinja_env=ENVIRONMENT, autoescape=True)
            properties = context.get("properties") or {}
            core = document.docx.core_properties
            core.author = core.last_modified_by = properties.get("author", "")
            core.title = properties.get("title", "")
            buffer = io.BytesIO()
            document.save(buffer)
            return buffer.getvalue()
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", self.body.render(context))
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(ch in xml for ch in "\t\a\f\n"):  # only these characters make resolve_listing change anything
            xml = self.docxtpl.resolve_listing(xml)
        tree = self.docxtpl.fix_tables(xml)
        self.docxtpl.docx_ids_index = 1000
        self.docxtpl.fix_docpr_ids(tree)
        root = copy.deepcopy(self.shell)
        root.insert(self.body_index, tree)
        document_xml = etree.tostring(root, encoding="UTF-8", standalone=True)
        core = core_properties_xml(context.get("properties") or {})
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compresslevel=1) as archive:
            for info, data in self.parts:
                data = document_xml if info.filename == DOCUMENT_PART else data
                archive.writestr(info, core if info.filename == CORE_PART else data)
        return buffer.getvalue()


DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"


def core_properties_xml(properties: dict) -> bytes:
    """docProps/core.xml with the plan's author, title and date (no trace of the tool)."""
    from html import escape as _escape  # not xml.sax.saxutils: it imports urllib.request (10 ms at start-up)

    def escape(text: str) -> str:
        return _escape(text, quote=False)

    created = escape(properties.get("created", "2020-01-01T00:00:00Z"))
    author, title = escape(properties.get("author", "")), escape(properties.get("title", ""))
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"
        f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    # The body is compressed; the small parts that never change are stored as they are:
    # compressing them again for every document cost more than the rest of the render.
    info.compress_type = zipfile.ZIP_DEFLATED if name == DOCUMENT_PART else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info
_COMPILED: dict[tuple[Path, float], CompiledTemplate] = {}


def compiled_template(template: Path) -> CompiledTemplate:
    """One compiled template per file and modification time, per process."""
    if not template.is_file():
        raise fail(template, "không tìm thấy tệp mẫu .docx",
                   "kiểm tra trường 'template'; với mẫu có sẵn, cài lại thidua")
    key = (template.resolve(), template.stat().st_mtime)
    if key not in _COMPILED:
        if not zipfile.is_zipfile(template):
            raise fail(template, "tệp mẫu không phải tệp Word .docx", "lưu mẫu bằng Word dưới dạng .docx")
        try:
            _COMPILED[key] = CompiledTemplate(template)
        except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError) as exc:
            raise fail(template, f"tệp mẫu không phải .docx hợp lệ ({type(exc).__name__})",
                       "mở mẫu bằng Word và lưu lại dưới dạng .docx") from None
    return _COMPILED[key]


def render_bytes(template: Path, context: Mapping[str, Any]) -> bytes:
    try:
        compiled = compiled_template(template)
        try:
            return compiled.render(context)
        except jinja2.UndefinedError:
            compiled.render(wrap(context, ""))  # again, with paths, only to name the full path
            raise
    except jinja2.UndefinedError as exc:
        raise fail(template, f"lỗi mẫu: {exc}", "sửa thẻ {{ … }} trong mẫu cho đúng tên") from None
    except jinja2.TemplateSyntaxError as exc:
        raise fail(template, f"lỗi cú pháp thẻ trong mẫu (đoạn {exc.lineno}): {exc.message}",
                   "gõ lại thẻ {{ … }} hoặc {%p … %} liền một lần, không định dạng giữa chừng") from None
    except jinja2.TemplateError as exc:  # e.g. the sandbox refused an unsafe attribute
        raise fail(template, f"lỗi mẫu: {exc}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise fail(template, f"tệp mẫu không phải .docx hợp lệ ({type(exc).__name__})") from None
