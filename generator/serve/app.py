"""The web page's server: one Starlette app over one folder of plans.

Pages: the folder (plans, tables, import, a table batch) and a plan (a form for what clerks
change each year, the whole YAML, the preview). The API takes field-level edits, validates
them with the loader `thidua build` uses and writes atomically; nothing outside the folder
is read or written (folder.inside). Every request passes security.Guard first.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from generator.core.errors import Problem, ThiduaError
from generator.core.filenames import PLAN_SUFFIXES
from generator.serve import edits, folder, form
from generator.serve.preview import Pages, instant_html
from generator.serve.security import Guard

HERE = Path(__file__).resolve().parent
MAX_UPLOAD = 15 * 2**20  # a Word file or a communes workbook: a few MB at most
UPLOAD_SUFFIXES = {"import": (".docx", ".doc", ".odt", ".rtf"), "table": (".xlsx", ".xlsm", ".xls", ".ods", ".csv")}
KEPT_ZIPS = 4


@dataclass
class State:
    root: Path
    pages: Pages = field(default_factory=Pages)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    zips: dict[str, bytes] = field(default_factory=dict)


def problem_json(problem: Problem) -> dict[str, Any]:
    return {"message": problem.message, "hint": problem.hint, "field": problem.field, "line": problem.line,
            "column": problem.column, "text": str(problem)}


def _error(exc: ThiduaError, status: int = 422) -> JSONResponse:
    return JSONResponse({"problems": [problem_json(p) for p in exc.problems]}, status_code=status)


def create_app(root: Path, token: str, hosts: tuple[str, ...], warm_office: bool = True) -> Guard:
    """The app for `root`, answering only requests with `token` addressed to one of `hosts`;
    with `warm_office`, LibreOffice starts with the server, so that the printed pages come fast."""
    state = State(root.resolve())
    environment = Environment(loader=FileSystemLoader(HERE / "pages"), autoescape=select_autoescape(["html"]))

    def page(name: str, **values: Any) -> HTMLResponse:
        html = environment.get_template(name).render(token=token, **values)
        return HTMLResponse(html, headers={"cache-control": "no-store"})

    def plan_file(request: Request) -> Path:
        return plan_at(request.query_params.get("path", ""))

    def plan_at(relative: str) -> Path:
        """A plan file of the folder: a .yaml that exists, never anything else."""
        path = folder.inside(state.root, relative)
        if path.suffix.lower() not in PLAN_SUFFIXES or not path.is_file():
            raise ThiduaError([Problem(Path(relative), "không tìm thấy tệp kế hoạch .yaml trong thư mục")])
        return path

    def guarded(handler):
        """Located problems become JSON (or a plain page) in Vietnamese; a bug, a plain message."""
        def run(request: Request) -> Response:
            from generator.plan.references import references_inside

            try:
                with references_inside(state.root):
                    return handler(request)
            except ThiduaError as exc:
                return _error(exc, 404 if isinstance(exc, folder.Outside) else 422)
            except OSError as exc:
                from generator.core.errors import os_problem

                return _error(ThiduaError([os_problem(exc)]), 500)
            except Exception as exc:  # a bug: said plainly, the file untouched, the server goes on
                from generator.build.pipeline import internal_error

                return _error(internal_error(state.root, exc), 500)
        return run

    def home(request: Request) -> Response:
        return page("folder.html", root=state.root, plans=folder.plans(state.root), tables=folder.tables(state.root),
                    libreoffice=Pages.available())

    def plan_page(request: Request) -> Response:
        path = plan_file(request)
        text = path.read_text(encoding="utf-8-sig")
        return page("plan.html", relative=folder.relative(state.root, path), text=text,
                    version=edits.version(text), form=form.of(text), libreoffice=Pages.available())

    def current(request: Request) -> Response:
        path = plan_file(request)
        text = path.read_text(encoding="utf-8-sig")
        return JSONResponse({"text": text, "version": edits.version(text)})

    def _checked_write(path: Path, old_version: str, make_text, dry: bool = False) -> Response:
        """Read, compare versions, make the new text, validate, write: one edit at a time."""
        from generator.plan.loader import load
        from generator.system.files import write_atomic

        with state.write_lock:
            text = path.read_text(encoding="utf-8-sig")
            if edits.version(text) != old_version:
                return JSONResponse({"conflict": True, "text": text, "version": edits.version(text),
                                     "message": "tệp vừa được sửa ở nơi khác (trình soạn thảo khác, git, thẻ khác); "
                                                "trang đã đọc lại tệp, thay đổi vừa nhập chưa được ghi"},
                                    status_code=409)
            new_text = make_text(text)
            try:
                loaded = load(path, new_text)
            except ThiduaError as exc:
                return _error(exc)  # shown beside the field; the file keeps its last valid content
            if dry:
                return JSONResponse({"version": old_version, "valid": True})
            if new_text != text:
                write_atomic(path, new_text.encode("utf-8"))
        return JSONResponse({"version": edits.version(new_text), "text": new_text, "warnings": _warnings(loaded),
                             "html": _instant(loaded, path)})

    def posted(work):
        """An endpoint of a JSON body: read here, the work done in a thread, its errors said."""
        async def endpoint(request: Request) -> Response:
            from starlette.concurrency import run_in_threadpool

            try:
                body = await _json(request)
            except ThiduaError as exc:
                return _error(exc)
            return await run_in_threadpool(guarded(lambda _: work(body)), request)
        return endpoint

    def edit(body: dict[str, Any]) -> Response:
        path = plan_at(str(body.get("path", "")))
        changes = [edits.Change(tuple(c["field"]), str(c["value"])) for c in body.get("changes", [])
                   if isinstance(c, dict) and isinstance(c.get("field"), list) and "value" in c]
        return _checked_write(path, str(body.get("version", "")), lambda text: edits.apply(text, changes))

    def whole_yaml(body: dict[str, Any]) -> Response:
        path = plan_at(str(body.get("path", "")))
        return _checked_write(path, str(body.get("version", "")), lambda _: str(body.get("text", "")),
                              dry=bool(body.get("dry")))

    def preview(request: Request) -> Response:
        from generator.plan.loader import load

        path = plan_file(request)
        loaded = load(path)
        return JSONResponse({"html": _instant(loaded, path), "warnings": _warnings(loaded)})

    def pages(request: Request) -> Response:
        if not Pages.available():
            return JSONResponse({"unavailable": "Máy này chưa có LibreOffice: chỉ có bản xem nhanh. Cài LibreOffice "
                                                "để xem đúng từng trang in."})
        from generator.build.pipeline import Mode, plan_document

        docx = plan_document(plan_file(request), mode=Mode.preview)
        key, images = state.pages.render(docx)
        return JSONResponse({"key": key, "count": len(images)})

    def page_image(request: Request) -> Response:
        images = state.pages.get(request.path_params["key"])
        number = int(request.path_params["number"])
        if images is None or not 1 <= number <= len(images):
            return PlainTextResponse("Không còn ảnh trang này; tải lại trang.", status_code=404)
        return Response(images[number - 1], media_type="image/png", headers={"cache-control": "max-age=3600"})

    def download(request: Request) -> Response:
        from generator.build.pipeline import Mode, plan_document

        path = plan_file(request)
        kind = request.query_params.get("kind", "docx")
        mode = Mode.draft if kind == "draft" else Mode.final
        try:
            docx = plan_document(path, mode=mode)
        except ThiduaError as exc:
            lines = "\n".join(str(p) for p in exc.problems)
            return PlainTextResponse(f"Chưa tạo được văn bản để trình ký:\n{lines}\n\nCó thể tải bản dự thảo "
                                     "(có dấu DỰ THẢO) từ trang kế hoạch.", status_code=422)
        name = path.with_suffix(".docx").name
        if kind == "pdf":
            with tempfile.TemporaryDirectory(prefix="thidua-serve-") as scratch:
                from generator.system.libreoffice import convert_batch

                source = Path(scratch) / name
                source.write_bytes(docx)
                data = convert_batch([source], timeout=180)[0].read_bytes()
            return _attachment(data, path.with_suffix(".pdf").name, "application/pdf")
        return _attachment(docx, name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    def new_year(body: dict[str, Any]) -> Response:
        from generator.plan.loader import load
        from generator.tools.newyear import write_new_year

        path = plan_at(str(body.get("path", "")))
        year = load(path).plan.year
        target = write_new_year(path, year, year + 1)
        return JSONResponse({"path": folder.relative(state.root, target), "warnings": _warnings(load(target))})

    def copy(body: dict[str, Any]) -> Response:
        """A new plan from one of the folder's own (last year's, a shipped example), beside it."""
        from generator.core.filenames import name_problem
        from generator.system.files import write_atomic

        source = plan_at(str(body.get("path", "")))
        name = str(body.get("name", "")).strip()
        if not name.lower().endswith(PLAN_SUFFIXES):
            name += ".yaml"
        problem = name_problem(name) or ("tên tệp không được chứa dấu / hoặc \\" if "/" in name or "\\" in name
                                         else None)
        if problem or name.startswith("."):
            raise ThiduaError([Problem(Path(name), problem or "tên tệp không hợp lệ", hint="ví dụ: ke-hoach-2027.yaml")])
        target = source.parent / name
        if target.exists():
            raise ThiduaError([Problem(Path(folder.relative(state.root, target)), "tệp đã có; thidua không ghi đè",
                                       hint="chọn tên khác")])
        write_atomic(target, source.read_bytes())
        return JSONResponse({"path": folder.relative(state.root, target)})

    async def upload(request: Request, purpose: str) -> tuple[str, bytes, dict[str, str]]:
        length = int(request.headers.get("content-length") or 0)
        if length > MAX_UPLOAD:
            raise ThiduaError([Problem(Path("tải lên"), f"tệp quá lớn ({length / 2**20:.0f} MB; tối đa "
                                       f"{MAX_UPLOAD // 2**20} MB)")])
        form_data = await request.form(max_files=1, max_fields=5, max_part_size=MAX_UPLOAD)
        item = form_data.get("file")
        if item is None or isinstance(item, str):
            raise ThiduaError([Problem(Path("tải lên"), "chưa chọn tệp")])
        name = Path(item.filename or "tep").name
        if Path(name).suffix.lower() not in UPLOAD_SUFFIXES[purpose]:
            raise ThiduaError([Problem(Path(name), "loại tệp không dùng được ở đây",
                                       hint="chọn tệp " + ", ".join(UPLOAD_SUFFIXES[purpose]))])
        data = await item.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise ThiduaError([Problem(Path(name), "tệp quá lớn")])
        others = {k: v for k, v in form_data.items() if isinstance(v, str)}
        return name, data, others

    async def import_word(request: Request) -> Response:
        try:
            name, data, _ = await upload(request, "import")
        except ThiduaError as exc:
            return _error(exc)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(guarded(lambda _: _import(state.root, name, data)), request)

    async def table(request: Request) -> Response:
        try:
            name, data, others = await upload(request, "table")
        except ThiduaError as exc:
            return _error(exc)
        from starlette.concurrency import run_in_threadpool

        def build(_: Request) -> Response:
            base = plan_at(others.get("base", ""))
            result = _table(base, name, data)
            key = edits.version(name + str(len(state.zips)) + str(id(result)))
            state.zips[key] = result.pop("zip")
            while len(state.zips) > KEPT_ZIPS:
                state.zips.pop(next(iter(state.zips)))
            return JSONResponse({**result, "zip": key})

        return await run_in_threadpool(guarded(build), request)

    def table_zip(request: Request) -> Response:
        data = state.zips.get(request.path_params["key"])
        if data is None:
            return PlainTextResponse("Không còn tệp nén này; tạo lại.", status_code=404)
        return _attachment(data, "van-ban-xa-phuong.zip", "application/zip")

    def history(request: Request) -> Response:
        from generator.system import gitrev

        path = plan_file(request)
        return JSONResponse({"commits": [{"commit": c, "date": d, "subject": s} for c, d, s in gitrev.log(path)]})

    def compare(request: Request) -> Response:
        from generator.plan.loader import load
        from generator.system import gitrev
        from generator.tools.diff import diff_plans, to_markdown

        path = plan_file(request)
        older, newer = request.query_params.get("a", ""), request.query_params.get("b", "")
        before = load(path, gitrev.show(older, path))
        after = load(path, gitrev.show(newer, path)) if newer else load(path)
        return JSONResponse({"markdown": to_markdown(diff_plans(before, after), older, newer or "hiện tại")})

    routes = [
        Route("/", guarded(home)),
        Route("/plan", guarded(plan_page)),
        Route("/api/plan", guarded(current)),
        Route("/api/edit", posted(edit), methods=["POST"]),
        Route("/api/yaml", posted(whole_yaml), methods=["POST"]),
        Route("/api/preview", guarded(preview)),
        Route("/api/pages", guarded(pages), methods=["POST"]),
        Route("/api/page/{key}/{number:int}.png", page_image),
        Route("/download", guarded(download)),
        Route("/api/new-year", posted(new_year), methods=["POST"]),
        Route("/api/copy", posted(copy), methods=["POST"]),
        Route("/api/import", import_word, methods=["POST"]),
        Route("/api/table", table, methods=["POST"]),
        Route("/api/table/{key}.zip", table_zip),
        Route("/api/history", guarded(history)),
        Route("/api/compare", guarded(compare)),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette):
        if warm_office and Pages.available():
            threading.Thread(target=state.pages.office.warm, daemon=True).start()
        yield
        state.pages.close()  # the LibreOffice kept running for the pages stops with the server

    return Guard(Starlette(routes=routes, lifespan=lifespan), token, hosts)


MAX_BODY = 2 * 2**20  # a plan's whole text is a few hundred KB


async def _json(request: Request) -> dict[str, Any]:
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        raise ThiduaError([Problem(Path("yêu cầu"), "dữ liệu gửi lên quá lớn")])
    raw = await request.body()
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        raise ThiduaError([Problem(Path("yêu cầu"), "dữ liệu gửi lên không đọc được")]) from None
    if not isinstance(data, dict):
        raise ThiduaError([Problem(Path("yêu cầu"), "dữ liệu gửi lên không đọc được")])
    return data


def _attachment(data: bytes, name: str, media: str) -> Response:
    from urllib.parse import quote

    return Response(data, media_type=media, headers={
        "content-disposition": f"attachment; filename*=UTF-8''{quote(name)}", "cache-control": "no-store"})


def _warnings(loaded) -> list[dict[str, Any]]:
    from generator.tools.lint import lint

    return [{"field": f.field, "message": f.message, "line": f.line} for f in lint(loaded)]


def _instant(loaded, path: Path) -> str:
    from generator.build.pipeline import Mode, document_bytes

    return instant_html(document_bytes(loaded, path, mode=Mode.preview))


def _import(root: Path, name: str, data: bytes) -> Response:
    from generator.importing.command import import_file

    target_folder = root / "nhap-tu-word"
    target_folder.mkdir(exist_ok=True)
    target = target_folder / Path(name).with_suffix(".yaml").name
    number = 2
    while target.exists():
        target = target_folder / f"{Path(name).stem}-{number}.yaml"
        number += 1
    with tempfile.TemporaryDirectory(prefix=".thidua-upload-", dir=root) as scratch:
        source = Path(scratch) / name
        source.write_bytes(data)
        written = import_file(source, target)
    return JSONResponse({"path": folder.relative(root, written.path),
                         "marked": [{"line": line, "text": text} for line, text in written.marked],
                         "problems": written.problems})


def _table(base: Path, name: str, data: bytes) -> dict[str, Any]:
    from generator.build import batch

    with tempfile.TemporaryDirectory(prefix="thidua-serve-table-") as scratch:
        table = Path(scratch) / name
        table.write_bytes(data)
        out = Path(scratch) / "van-ban"
        jobs, base_plan = batch.table_jobs(base, table, out)
        result = batch.run(jobs, out, base=base_plan)
        rows = [{"label": o.label.replace(str(table), name), "file": o.target.name, "status": o.status.value,
                 "problems": [str(p).replace(str(table), name) for p in o.problems]} for o in result.outcomes]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for outcome in result.outcomes:
                if outcome.status != batch.Status.failed and outcome.target.is_file():
                    archive.write(outcome.target, outcome.target.name)
    return {"rows": rows, "written": sum(r["status"] != "failed" for r in rows), "zip": buffer.getvalue()}
