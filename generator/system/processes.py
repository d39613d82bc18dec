"""What the batch and the PDF guard both need of the operating system's processes."""

from __future__ import annotations

import signal

PR_SET_PDEATHSIG = 1


def set_parent_death_signal() -> bool:
    """Ask Linux to send SIGTERM to this process when its parent dies (costs nothing while
    it waits; a watcher thread halved the batch throughput). False where it is not Linux."""
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return False
    return True


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (temporary files carry their writer's pid).

    psutil asks the system without signalling: on Windows `os.kill(pid, 0)` would send
    Ctrl+C to the whole console group."""
    import psutil

    return psutil.pid_exists(pid)
