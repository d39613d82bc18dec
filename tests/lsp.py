"""A minimal Language Server Protocol client: open YAML files in the real yaml-language-server
(as the VS Code YAML extension runs it) and collect the diagnostics it publishes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL_SERVER = ROOT / ".ci" / "lsp" / "node_modules" / ".bin" / "yaml-language-server"


def server_command() -> list[str] | None:
    configured = os.environ.get("THIDUA_YAML_LS")
    found = configured or (str(LOCAL_SERVER) if LOCAL_SERVER.exists() else shutil.which("yaml-language-server"))
    if not found or shutil.which("node") is None:
        return None
    return [found, "--stdio"]


class Client:
    def __init__(self, command: list[str], root: Path):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.diagnostics: dict[str, list[dict]] = {}
        self.published: dict[str, int] = {}
        self.responses: dict[int, dict] = {}
        self.lock = threading.Condition()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                    "capabilities": {"workspace": {"configuration": True},
                                                     "textDocument": {"publishDiagnostics": {}}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self._settings()}})

    @staticmethod
    def _settings() -> dict:
        return {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False},
                "format": {"enable": False}, "customTags": []}

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            self._handle(message)

    def _handle(self, message: dict) -> None:
        if "id" in message and "method" in message:  # a request from the server
            result: object = None
            if message["method"] == "workspace/configuration":
                result = [self._settings() for _ in message["params"]["items"]]
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            return
        with self.lock:
            if "id" in message:
                self.responses[message["id"]] = message
            elif message.get("method") == "textDocument/publishDiagnostics":
                uri = message["params"]["uri"]
                self.diagnostics[uri] = message["params"]["diagnostics"]
                self.published[uri] = self.published.get(uri, 0) + 1
            self.lock.notify_all()

    def request(self, method: str, params: dict, timeout: float = 60) -> dict:
        self.next_id += 1
        number = self.next_id
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        with self.lock:
            self.lock.wait_for(lambda: number in self.responses, timeout=timeout)
            return self.responses.pop(number, {})

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def check(self, files: list[Path], timeout: float = 60) -> dict[Path, list[dict]]:
        """Open every file; return the diagnostics the server settles on for each."""
        for file in files:
            self.notify("textDocument/didOpen", {"textDocument": {
                "uri": file.resolve().as_uri(), "languageId": "yaml", "version": 1,
                "text": file.read_text(encoding="utf-8")}})
        uris = [file.resolve().as_uri() for file in files]
        deadline = time.time() + timeout
        with self.lock:
            self.lock.wait_for(lambda: all(u in self.published for u in uris), timeout=timeout)
        # the server may publish again once the schema is loaded: wait until it is quiet
        settled = dict(self.published)
        while time.time() < deadline:
            time.sleep(0.5)
            with self.lock:
                if self.published == settled:
                    break
                settled = dict(self.published)
        return {file: self.diagnostics.get(file.resolve().as_uri(), []) for file in files}

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
            self.process.wait(timeout=5)
        except Exception:  # noqa: BLE001 - a server that does not stop is killed
            self.process.kill()
