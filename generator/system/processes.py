"""What the batch and the PDF guard both need of the operating system's processes."""

from __future__ import annotations

import signal
import subprocess
import sys

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


def _guard_setup() -> None:
    """In the guard, before it runs: the parent-death signal, and the stop signals the parent blocked."""
    set_parent_death_signal()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (temporary files carry their writer's pid).

    psutil asks the system without signalling: on Windows `os.kill(pid, 0)` would send
    Ctrl+C to the whole console group."""
    import psutil

    return psutil.pid_exists(pid)


# The POSIX guard: started with the parent-death signal set; starts the command in its own
# process group; on SIGTERM (thidua died or gave up) kills that group and removes the scratch folder.
_GUARD = r"""
import os, shutil, signal, subprocess, sys, time
scratch, command = sys.argv[1], sys.argv[2:]
child = None
def stop(*_):
    if child is not None:
        try:
            os.killpg(child.pid, signal.SIGKILL)
            os.waitpid(child.pid, 0)  # reaped here (not child.wait: the main thread holds its lock)
        except OSError:
            pass
        for _ in range(100):  # the rest of the group (soffice.bin) may take a moment to die: it could still write
            try:
                os.killpg(child.pid, 0)
            except OSError:
                break
            time.sleep(0.05)
    shutil.rmtree(scratch, ignore_errors=True)
    os._exit(3)
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
if os.getppid() == 1:
    stop()
# a stop between the start of the command and `child` being set would leave the command running:
# the signals wait until it is set (the command itself starts with them unblocked)
stopping = {signal.SIGTERM, signal.SIGINT}
signal.pthread_sigmask(signal.SIG_BLOCK, stopping)
child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                         preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_UNBLOCK, stopping))
signal.pthread_sigmask(signal.SIG_UNBLOCK, stopping)
code = child.wait()
try:
    os.killpg(child.pid, signal.SIGKILL)  # a helper the command left running
except OSError:
    pass
sys.exit(code)
"""


class Guarded:
    """A command whose whole process tree ends with it, with thidua, or on `stop()`:
    on Linux a guard process with the parent-death signal kills its process group; on
    Windows a Job Object does (the scratch folder of a killed run is removed by the next)."""

    def __init__(self, command: list[str], scratch: str):
        self._job = None
        if sys.platform == "win32":
            from generator.system.winjob import KillOnClose

            self._job = KillOnClose()
            self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                             creationflags=subprocess.CREATE_NO_WINDOW)  # type: ignore[attr-defined]
            self._job.add(self._process.pid)
        else:
            # a stop (SIGTERM, Ctrl+C) that came while the guard is being started would lose its pid, and the
            # guard would run on: the stop waits until the guard is known, then stops it with this command
            stopping = {signal.SIGTERM, signal.SIGINT}
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, stopping)
            try:
                self._process = subprocess.Popen([sys.executable, "-c", _GUARD, scratch, *command],
                                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                 preexec_fn=_guard_setup)  # runs in the guard before exec
            finally:
                try:
                    signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a pending stop is raised here
                except BaseException:
                    if hasattr(self, "_process"):
                        self.stop()
                    raise

    def wait(self, timeout: float) -> int:
        """The exit code; raises subprocess.TimeoutExpired (the tree still runs: call stop())."""
        return self._process.wait(timeout=timeout)

    def stop(self) -> None:
        """End the command and everything it started, if it still runs."""
        if self._job is not None:
            _kill_tree(self._process.pid)  # in case a helper left the job before it was set up
            self._job.close()
            self._job = None
        elif self._process.poll() is None:
            self._process.terminate()  # the guard kills the group and removes the scratch folder
        self._process.wait()


def _kill_tree(pid: int) -> None:
    import psutil

    try:
        parent = psutil.Process(pid)
        for process in [*parent.children(recursive=True), parent]:
            process.kill()
    except psutil.Error:
        pass
