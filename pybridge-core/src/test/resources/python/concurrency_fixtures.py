"""The Python side of the concurrency tests: code that runs until stopped, records what stopped it,
waits on other threads, and keeps a thread of its own running."""
import sys
import threading
import time

_lock = threading.Lock()
_states = {}


def mark(key, value):
    with _lock:
        _states[key] = value


def state(key):
    with _lock:
        return _states.get(key)


def type_name(t):
    return t.__qualname__ if t.__module__ == 'builtins' else t.__module__ + '.' + t.__qualname__


def spin_until_stopped(key):
    """Runs bytecode forever; records 'running', then the type of the exception that ended it."""
    mark(key, 'running')
    try:
        while True:
            pass
    except BaseException as e:
        mark(key, type_name(type(e)))
        raise


def sleep_in_steps_until_stopped(key, step=0.005):
    """Sleeps in short steps forever: each step is a C call that returns to Python soon."""
    mark(key, 'running')
    try:
        while True:
            time.sleep(step)
    except BaseException as e:
        mark(key, type_name(type(e)))
        raise


def count_to(n):
    total = 0
    for i in range(n):
        total += i
    return total


def twice_after_work(i, n):
    count_to(n)
    return 2 * i


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


_barriers = {}


def barrier(key, parties):
    with _lock:
        return _barriers.setdefault(key, threading.Barrier(parties))


def meet(key, parties, timeout):
    """Waits until `parties` threads have called meet(key, ...): proves they ran at the same time."""
    return barrier(key, parties).wait(timeout)


class Ticker:
    """A Python thread that counts as fast as it can until stopped."""

    def __init__(self, daemon=True):
        self.count = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name='fixture-ticker', daemon=daemon)
        self.thread.start()

    def _run(self):
        while not self._stop.is_set():
            self.count += 1
            time.sleep(0)

    def stop(self):
        self._stop.set()
        self.thread.join()
        return self.count


def allocated_blocks():
    import gc
    gc.collect()
    return sys.getallocatedblocks()


# For interpreter pools, whose sub-interpreters share no state with Java's view of this module:
# progress is reported through files.

def spin_marking(path):
    """Runs bytecode forever; writes 'running' to path, then the type of the exception that ended it."""
    with open(path, 'w') as f:
        f.write('running')
    try:
        while True:
            pass
    except BaseException as e:
        with open(path, 'w') as f:
            f.write(type_name(type(e)))
        raise


def hold_own_gil_until(started, flag, limit):
    """Keeps this interpreter's GIL while spinning in bytecode until the first byte of the file `flag`
    is no longer 0, or `limit` seconds pass. Neither the check (an mmap read) nor the clock releases
    the GIL, and a switch interval of 1000 s stops the interpreter from handing it over: anything that
    runs meanwhile does not need this GIL."""
    import mmap
    with open(flag, 'r+b') as f:
        view = mmap.mmap(f.fileno(), 1)
    with open(started, 'w') as f:
        f.write('started')
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        deadline = time.monotonic() + limit
        while view[0] == 0:
            if time.monotonic() > deadline:
                return 'gave up'
        return 'released'
    finally:
        sys.setswitchinterval(previous)
        view.close()


def echo(value):
    return value


def fail(message):
    raise ValueError(message)


def new_object():
    return object()


def add(a, b):
    return a + b


def apply_each(callback, items):
    """Calls back into a Python callable for every item."""
    return [callback(item) for item in items]
