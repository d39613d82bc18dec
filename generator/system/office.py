"""A LibreOffice kept running for the web page: a conversion takes a fraction of a second
instead of the two or three of a cold start.

soffice listens on a named pipe, under the same guard as `--pdf` (processes.Guarded: it
ends with thidua); a small helper in LibreOffice's own Python (which has the `uno` module:
program/python.exe on Windows, the bundle's on macOS, python3 with python3-uno on Debian)
loads each document and stores its PDF. Where there is no such Python, the caller falls
back to a cold conversion.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from generator.system.libreoffice import soffice_binary
from generator.system.processes import Guarded, set_parent_death_signal

_HELPER = r"""
import json, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
context = None
for _ in range(300):
    try:
        context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % sys.argv[1])
        break
    except Exception:
        time.sleep(0.1)
if context is None:
    print(json.dumps({"error": "không kết nối được LibreOffice"}), flush=True)
    sys.exit(1)
desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    try:
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["in"]), "_blank", 0,
                                                (prop("Hidden", True), prop("ReadOnly", True)))
        try:
            document.storeToURL(uno.systemPathToFileUrl(request["out"]), (prop("FilterName", "writer_pdf_Export"),))
        finally:
            document.close(True)
        print(json.dumps({"ok": True}), flush=True)
    except Exception as exc:
        print(json.dumps({"error": str(exc)[:300]}), flush=True)
"""


def uno_python(soffice: str) -> str | None:
    """A Python that can `import uno` for this LibreOffice, or None."""
    configured = os.environ.get("THIDUA_UNO_PYTHON")
    program = Path(soffice).resolve().parent
    candidates = [configured] if configured else []
    candidates += [str(program / "python.exe"), str(program / "python"),  # LibreOffice's own (Windows, its builds)
                   str(program.parent / "Resources" / "python"),  # macOS's bundle
                   "/usr/bin/python3", shutil.which("python3") or ""]  # Debian's, with python3-uno
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            try:
                probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if probe.returncode == 0:
                return candidate
    return None


class WarmOffice:
    """One running LibreOffice and its helper; `convert` is safe from several threads (one at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._office: Guarded | None = None
        self._helper: subprocess.Popen[str] | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self.failed = False  # no LibreOffice Python here, or it would not start: callers convert cold

    def _start(self) -> bool:
        soffice = soffice_binary()
        python = uno_python(soffice) if soffice else None
        if soffice is None or python is None:
            return False
        self._scratch = tempfile.TemporaryDirectory(prefix="thidua-office-", ignore_cleanup_errors=True)
        pipe = f"thidua-{os.getpid()}-{id(self)}"
        profile = Path(self._scratch.name) / "profile"
        self._office = Guarded([soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                                f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;"],
                               self._scratch.name)
        # it ends with thidua: the parent-death signal on Linux; on Windows its stdin closes and it leaves
        death = None if sys.platform == "win32" else set_parent_death_signal
        self._helper = subprocess.Popen([python, "-c", _HELPER, pipe], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, encoding="utf-8", preexec_fn=death)
        return self._reply() == {"ready": True}

    def _reply(self) -> dict:
        assert self._helper is not None and self._helper.stdout is not None
        line = self._helper.stdout.readline()
        try:
            return json.loads(line) if line else {"error": "LibreOffice đã dừng"}
        except ValueError:
            return {"error": line[:200]}

    def warm(self) -> None:
        """Start LibreOffice now (the server does so at start): the first pages asked for come fast."""
        with self._lock:
            if not self.failed and self._helper is None and not self._start():
                self.failed = True
                self.close_locked()

    def convert(self, source: Path, target: Path) -> bool:
        """Write `source`'s PDF to `target`; False when the warm office cannot (convert cold then)."""
        with self._lock:
            if self.failed:
                return False
            if self._helper is None or self._helper.poll() is not None:
                self.close_locked()
                if not self._start():
                    self.failed = True
                    self.close_locked()
                    return False
            assert self._helper is not None and self._helper.stdin is not None
            try:
                self._helper.stdin.write(json.dumps({"in": str(source), "out": str(target)}) + "\n")
                self._helper.stdin.flush()
            except OSError:
                self.close_locked()
                return False
            return self._reply().get("ok") is True and target.is_file()

    def close(self) -> None:
        helper = self._helper
        if helper is not None and helper.poll() is None:
            helper.kill()  # not waiting for the lock: a start in progress ends at once
        self.failed = True  # nothing starts again after the server stopped
        with self._lock:
            self.close_locked()

    def close_locked(self) -> None:
        if self._helper is not None:
            if self._helper.poll() is None:
                self._helper.kill()
            self._helper.wait()
            self._helper = None
        if self._office is not None:
            self._office.stop()
            self._office = None
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None
