"""Running the page: uvicorn on 127.0.0.1, one line with the address, the browser opened,
and a clean stop on Ctrl+C or SIGTERM (LibreOffice runs guarded: none outlives the server)."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

from generator.core.errors import Problem, ThiduaError

HOST = "127.0.0.1"


def free_port(port: int) -> int:
    """`port` if it can be bound on loopback (0: any free one); a located refusal otherwise."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)) or port:
                raise ThiduaError([Problem(Path(f"cổng {port}"), "cổng này đang được chương trình khác dùng",
                                           hint="chọn cổng khác bằng --port, ví dụ --port 8766")]) from None
            raise
        return probe.getsockname()[1]


def address(port: int, token: str) -> str:
    return f"http://{HOST}:{port}/?token={token}"


def serve(root: Path, port: int, open_browser: bool, announce) -> None:
    """Serve `root` until stopped; `announce(url)` is told the address first."""
    import uvicorn

    from generator.serve.app import create_app
    from generator.serve.security import new_token

    if not root.is_dir():
        raise ThiduaError([Problem(root, "không phải thư mục", hint="ghi thư mục chứa các kế hoạch, ví dụ: plans")])
    port = free_port(port)
    token = new_token()
    app = create_app(root, token, (f"{HOST}:{port}", f"localhost:{port}"))
    url = address(port, token)
    announce(url)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    config = uvicorn.Config(app, host=HOST, port=port, log_level="warning", access_log=False, lifespan="on")
    uvicorn.Server(config).run()  # returns on Ctrl+C or SIGTERM
