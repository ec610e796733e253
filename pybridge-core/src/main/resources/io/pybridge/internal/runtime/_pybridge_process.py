"""What PyBridge sets up at start so that the process looks, from Python, like standalone Python's.

The process belongs to the JVM: its signal handlers, its signal mask, its threads. This code runs once,
on the interpreter's main thread, right after initialization (``ProcessParity`` in Java), and:

* replaces ``faulthandler.enable``/``disable``/``is_enabled`` with versions that keep the API but never
  install handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGABRT: the JVM relies on its own handlers for
  SIGSEGV (implicit null checks, stack banging, safepoint polls) and would abort at the next one;
* gives children made by ``os.fork()`` the signal dispositions and mask of a standalone Python's child;
* spawns processes (subprocess, multiprocessing's spawn, os.system, os.posix_spawn) with the signal mask
  a standalone Python thread has, not the JVM's (which blocks SIGQUIT);
* makes threads that enter Python from Java look non-daemon to ``threading`` (``adopt_thread``), and runs
  ``threading``'s exit callbacks before close waits for non-daemon threads (``before_thread_shutdown``).

See docs/embedding-differences.md.
"""
import faulthandler
import functools
import os
import signal
import sys
import threading

# The signals the JVM blocks in its threads (SIGQUIT, unless it runs with -Xrs). This module runs on
# the bridge's main thread, a JVM thread with nothing else blocked.
if hasattr(signal, "pthread_sigmask"):
    _jvm_blocked = frozenset(signal.pthread_sigmask(signal.SIG_BLOCK, ()))
else:
    _jvm_blocked = frozenset()

# --- faulthandler ------------------------------------------------------------------------------------

_c_enable = faulthandler.enable
_c_disable = faulthandler.disable
_c_is_enabled = faulthandler.is_enabled
_fault_enabled = False
_fault_file = None
_fault_all_threads = True
_forked_child = False


def _checked_file(file):
    """What faulthandler.enable accepts as its file, checked as the C version checks it."""
    if file is None:
        try:
            file = sys.stderr
        except AttributeError:
            raise RuntimeError("unable to get sys.stderr") from None
        if file is None:
            raise RuntimeError("sys.stderr is None")
    elif isinstance(file, int):
        if file < 0:
            raise ValueError("file is not a valid file descriptor")
        return file
    fd = file.fileno()
    if not isinstance(fd, int) or not 0 <= fd < 2**31 - 1:
        raise RuntimeError("file.fileno() is not a valid file descriptor")
    try:
        file.flush()
    except Exception:
        pass
    return file


def _enable(file, all_threads):
    global _fault_enabled, _fault_file, _fault_all_threads
    target = _checked_file(file)
    if _forked_child:
        _c_enable(target, all_threads)
    _fault_file = target
    _fault_all_threads = bool(all_threads)
    _fault_enabled = True


if sys.version_info >= (3, 14):
    def enable(file=None, all_threads=True, c_stack=True):
        _enable(file, all_threads)
else:
    def enable(file=None, all_threads=True):
        _enable(file, all_threads)


def disable():
    global _fault_enabled, _fault_file
    was_enabled = _fault_enabled or _c_is_enabled()
    if _c_is_enabled():
        _c_disable()
    _fault_enabled = False
    _fault_file = None
    return was_enabled


def is_enabled():
    return _fault_enabled or _c_is_enabled()


def _install_faulthandler(enabled_by_environment):
    """Puts the safe versions in place; carries over what was enabled during initialization."""
    enabled_during_init = _c_is_enabled()
    if enabled_during_init:
        # PYTHONDEVMODE, or a sitecustomize that enabled it: the JVM's handlers are restored by this.
        _c_disable()
    for function, original in ((enable, _c_enable), (disable, _c_disable), (is_enabled, _c_is_enabled)):
        function.__module__ = "faulthandler"
        function.__doc__ = original.__doc__
        setattr(faulthandler, function.__name__, function)
    if enabled_by_environment or enabled_during_init:
        try:
            enable()
        except (OSError, RuntimeError, ValueError) as e:  # no usable sys.stderr
            import warnings
            warnings.warn(f"faulthandler could not be enabled at start: {e}", RuntimeWarning)


# --- fork --------------------------------------------------------------------------------------------

# The forking thread's signal mask before each fork, by thread: every signal is blocked across the fork,
# so that a signal sent to the new child (Pool.terminate() sends SIGTERM to a worker that may have just
# been forked) waits until the child's dispositions are standalone Python's, instead of reaching the
# JVM's handler, which does nothing in a child where no JVM runs.
_mask_before_fork = {}


def _before_fork():
    if hasattr(signal, "pthread_sigmask"):
        import _thread
        _mask_before_fork[_thread.get_ident()] = signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())


def _after_fork_in_parent():
    import _thread
    previous = _mask_before_fork.pop(_thread.get_ident(), None)
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _after_fork_in_child():
    """The child of os.fork() gets what a standalone Python's child has, not the JVM's handlers.

    As exec does: handled signals go back to SIG_DFL, ignored ones stay ignored; then what Python sets
    at start: SIGPIPE and SIGXFSZ ignored, SIGINT raising KeyboardInterrupt. The forking thread is the
    child's main thread, so signal.signal works here. The JVM cannot run in the child (its other threads
    are gone), so faulthandler is real again there.
    """
    global _forked_child
    _forked_child = True
    for signum in signal.valid_signals():
        if signum in (signal.SIGKILL, signal.SIGSTOP):
            continue
        handler = signal.getsignal(signum)
        if handler is None or handler == signal.SIG_DFL:
            try:
                signal.signal(signum, signal.SIG_DFL)
            except (OSError, ValueError, RuntimeError):
                pass
    for name in ("SIGPIPE", "SIGXFSZ"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    if signal.getsignal(signal.SIGINT) == signal.SIG_DFL:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    import _thread
    previous = _mask_before_fork.pop(_thread.get_ident(), None)
    _mask_before_fork.clear()
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous.difference(_jvm_blocked))
    elif _jvm_blocked:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _jvm_blocked)
    if _fault_enabled:
        try:
            _c_enable(_fault_file, _fault_all_threads)
        except Exception:
            pass


# --- spawning processes ------------------------------------------------------------------------------

def _with_standalone_mask(spawn):
    """spawn, run with the JVM's blocked signals unblocked: the new process inherits the caller's mask."""

    @functools.wraps(spawn)
    def spawning(*args, **kwargs):
        blocked = _jvm_blocked.intersection(signal.pthread_sigmask(signal.SIG_BLOCK, ()))
        if not blocked:
            return spawn(*args, **kwargs)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)
        try:
            return spawn(*args, **kwargs)
        finally:
            signal.pthread_sigmask(signal.SIG_BLOCK, blocked)

    return spawning


def _install_spawn_masks():
    if not _jvm_blocked:
        return
    try:
        import _posixsubprocess
    except ImportError:
        _posixsubprocess = None
    if _posixsubprocess is not None:
        original = _posixsubprocess.fork_exec
        _posixsubprocess.fork_exec = _with_standalone_mask(original)
        subprocess = sys.modules.get("subprocess")
        if subprocess is not None and getattr(subprocess, "_fork_exec", None) is original:
            subprocess._fork_exec = _posixsubprocess.fork_exec
    for name in ("posix_spawn", "posix_spawnp", "system"):
        if hasattr(os, name):
            setattr(os, name, _with_standalone_mask(getattr(os, name)))


# --- threads -----------------------------------------------------------------------------------------

def adopt_thread():
    """Called once when a Java thread first enters Python: it looks like a non-daemon thread, as the
    thread that runs a standalone program is, so threads it starts are non-daemon and close() waits
    for them as standalone's exit does."""
    thread = threading.current_thread()
    if isinstance(thread, threading._DummyThread):
        thread._daemonic = False


def before_thread_shutdown():
    """What threading does at exit before it joins non-daemon threads: runs the callbacks registered
    with threading._register_atexit (concurrent.futures ends its idle workers there), newest first."""
    callbacks = getattr(threading, "_threading_atexits", None)
    if callbacks is None:
        return
    threading._SHUTTING_DOWN = True
    try:
        while callbacks:
            callbacks.pop()()
    except BaseException:
        import traceback
        print("Exception ignored on threading shutdown:", file=sys.stderr)
        traceback.print_exc()


def setup(faulthandler_setting):
    """faulthandler_setting: the value of PYTHONFAULTHANDLER, which the bridge hid from initialization."""
    if faulthandler_setting:
        os.environ["PYTHONFAULTHANDLER"] = faulthandler_setting
    _install_faulthandler(bool(faulthandler_setting))
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                            after_in_child=_after_fork_in_child)
    _install_spawn_masks()
