"""Python side of the idiom tests: generators, classes implementing Java interfaces, coroutines,
context managers, output and logging."""
import asyncio
import contextlib
import logging
import sys
import threading
import time

# ---- shared state the Java side reads ----

events = []
_lock = threading.Lock()


def record(*event):
    with _lock:
        events.append(event)


def take_events():
    with _lock:
        taken = list(events)
        events.clear()
    return [list(e) for e in taken]


# ---- iteration ----

def count(n):
    """A generator that records its start, each step and how it ended."""
    record("start", n)
    try:
        for i in range(n):
            record("yield", i)
            yield i
        record("exhausted")
    finally:
        record("finally")


def fail_after(n, message):
    for i in range(n):
        yield i
    raise ValueError(message)


def mixed():
    yield 1
    yield "two"
    yield 3


def endless():
    i = 0
    while True:
        yield i
        i += 1


def stubborn():
    try:
        yield 1
        yield 2
    finally:
        raise RuntimeError("cleanup failed")


def sum_all(iterable):
    return sum(iterable)


def consume(iterable, limit=None):
    taken = []
    for item in iterable:
        taken.append(item)
        if limit is not None and len(taken) >= limit:
            break
    return taken


def twice(iterable):
    return [list(iterable), list(iterable)]


def first_then_close(iterator):
    first = next(iterator)
    iterator.close()
    return first


def numbers(n):
    for i in range(n):
        yield i


def drain(n):
    """The Python baseline: a for loop over the same generator."""
    for _ in numbers(n):
        pass


# ---- objects as Java interfaces ----

class Listener:
    def __init__(self):
        self.seen = []

    def on_event(self, name, count):
        self.seen.append((name, count))
        return f"{name}:{count}"

    def on_close(self):
        self.seen.append(("closed",))

    def summary(self):
        return {"description": "listener", "keywords": [n for n, *_ in self.seen]}

    def pick(self, choose):
        return choose("a", "b")

    def partner(self):
        return Listener()

    async def later(self, value):
        await asyncio.sleep(0)
        return value * 2

    def slow(self, value):
        return value + 1


class Incomplete:
    def on_event(self, name, count):
        return name

    on_close = 42


def register(listener):
    """Gets back the Python object a Java proxy stands for."""
    return listener


def call_listener(listener, name):
    return listener.on_event(name, 1)


# ---- asyncio ----

async def add_later(a, b, delay=0.0):
    await asyncio.sleep(delay)
    return a + b


async def fail_later(message):
    await asyncio.sleep(0)
    raise ValueError(message)


async def wait_for_cancel(key):
    record("waiting", key)
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        record("cancelled", key)
        raise
    finally:
        record("finally", key)


async def cancel_myself():
    await asyncio.sleep(0)
    raise asyncio.CancelledError()


async def loop_facts():
    loop = asyncio.get_running_loop()
    return {"thread": threading.current_thread().name, "same": loop is asyncio.get_event_loop(),
            "main": threading.current_thread() is threading.main_thread()}


async def run_process(script):
    process = await asyncio.create_subprocess_exec("/bin/sh", "-c", script, stdout=asyncio.subprocess.PIPE)
    out, _ = await process.communicate()
    return [out.decode().strip(), process.returncode]


async def await_java(future):
    return await future


async def await_java_with_timeout(future, timeout):
    try:
        return await asyncio.wait_for(future, timeout)
    except asyncio.TimeoutError:
        return "timed out"


async def gather_java(futures):
    return list(await asyncio.gather(*futures))


def wait_java(future, timeout):
    return future.result(timeout)


async def busy_then_exit():
    await asyncio.sleep(0)
    raise SystemExit(3)


async def ignore_cancel(key):
    record("stubborn", key)
    while True:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            record("ignored", key)


def background_task(key):
    """Starts a task the caller never awaits: close() must cancel it."""
    async def forever():
        try:
            await asyncio.sleep(3600)
        finally:
            record("background finally", key)
    asyncio.get_running_loop().create_task(forever())


async def start_background(key):
    background_task(key)
    return "started"


async def call_java(supplier):
    return supplier()


# ---- context managers ----

class Managed:
    """Records enter/exit and can suppress exceptions."""

    def __init__(self, name, suppress=False, fail_on_exit=False):
        self.name = name
        self.suppress = suppress
        self.fail_on_exit = fail_on_exit

    def __enter__(self):
        record("enter", self.name)
        return f"value of {self.name}"

    def __exit__(self, exc_type, exc, tb):
        record("exit", self.name, None if exc_type is None else exc_type.__name__,
               None if exc is None else str(exc), tb is not None)
        if self.fail_on_exit:
            raise KeyError("exit failed")
        return self.suppress


@contextlib.contextmanager
def transaction(name):
    record("begin", name)
    try:
        yield name
    except Exception as e:
        record("rollback", name, type(e).__name__)
        raise
    else:
        record("commit", name)


class BadEnter:
    def __enter__(self):
        raise OSError("cannot enter")

    def __exit__(self, *args):
        record("exit called on BadEnter")


# ---- output and logging ----

def say(text, end="\n", flush=False, stream="stdout"):
    print(text, end=end, flush=flush, file=getattr(sys, stream))


def say_in_pieces(prefix, n):
    for i in range(n):
        sys.stdout.write(prefix)
        sys.stdout.write(" ")
        sys.stdout.write(str(i))
        sys.stdout.write("\n")


def say_from_threads(threads, lines):
    """Each line in pieces, the GIL given up between them: other threads' pieces come in between."""
    def work(t):
        for i in range(lines):
            for piece in ("thread", " %d" % t, " line", " %d" % i, " end"):
                sys.stdout.write(piece)
                time.sleep(0)
            print()
    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def write_bytes(data):
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def log(name, level, message, *args):
    logging.getLogger(name).log(level, message, *args)


def log_exception(name, message):
    try:
        raise ValueError("bad value")
    except ValueError:
        logging.getLogger(name).exception(message)


async def start_background_calling(on_finally):
    """Starts a task nobody awaits that calls on_finally when it ends: close() must cancel it."""
    async def forever():
        try:
            await asyncio.sleep(3600)
        finally:
            on_finally()
    asyncio.get_running_loop().create_task(forever())
    return "started"


async def sleep_then(seconds, value):
    await asyncio.sleep(seconds)
    return value


async def wait_then_call(on_cancel):
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        on_cancel()
        raise
