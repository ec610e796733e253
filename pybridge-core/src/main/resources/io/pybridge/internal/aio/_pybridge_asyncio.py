"""PyBridge's asyncio event loop, and Java futures as awaitables.

The bridge runs one event loop on a thread of its own ("pybridge-asyncio"), started the first time
Java runs a coroutine (python.async, or a bound async def) and stopped by python.close(). Java futures
(CompletableFuture, CompletionStage) passed to Python are JavaFutures: concurrent.futures.Futures that
any asyncio loop can await.
"""
import asyncio
import concurrent.futures
import functools
import inspect
import sys
import threading

RESULT, ERROR, CANCELLED = 0, 1, 2

_lock = threading.Lock()
_bridge_loop = None


def bridge_loop():
    """The bridge's BridgeLoop, made on first use (it runs once Java starts its thread)."""
    global _bridge_loop
    with _lock:
        if _bridge_loop is None:
            _bridge_loop = BridgeLoop()
        return _bridge_loop


def _use_child_watcher_without_signals():
    """asyncio subprocesses where SIGCHLD belongs to the JVM and the loop is not on the main thread.

    From 3.12 asyncio waits for children with a pidfd or a thread of its own, needing no signal handler.
    On 3.11 the policy's watcher is chosen the first time a subprocess starts: set the ThreadedChildWatcher
    (a waitpid() thread per child, no signals) unless the program chose one itself.
    """
    if sys.platform == "win32" or sys.version_info >= (3, 12):
        return
    policy = asyncio.get_event_loop_policy()
    if isinstance(policy, asyncio.DefaultEventLoopPolicy) and getattr(policy, "_watcher", None) is None:
        policy.set_child_watcher(asyncio.ThreadedChildWatcher())


def is_awaitable(value):
    return inspect.isawaitable(value)


def is_coroutine_function(function):
    """Whether calling function gives a coroutine: async def, a method or partial of one, or an object
    whose __call__ is one."""
    if inspect.iscoroutinefunction(function):
        return True
    if inspect.isfunction(function) or inspect.ismethod(function) or inspect.isbuiltin(function):
        return False
    return inspect.iscoroutinefunction(getattr(type(function), "__call__", None))


async def _await(awaitable):
    return await awaitable


class BridgeLoop:
    """An asyncio event loop run by a Java thread; Java submits awaitables and hears of their end."""

    def __init__(self):
        _use_child_watcher_without_signals()
        self.loop = asyncio.new_event_loop()
        self._calls = set()
        self._closing = False
        self._stopping = False
        self._started = False

    def run(self, thread_name, grace):
        """Runs the loop until close() stops it, then ends what is left as asyncio.run does."""
        if self._started:
            raise RuntimeError("the bridge's event loop runs already")
        self._started = True
        threading.current_thread().name = thread_name
        loop = self.loop
        asyncio.set_event_loop(loop)
        try:
            while True:
                try:
                    loop.run_forever()
                    break
                except (SystemExit, KeyboardInterrupt):
                    # A task raised it; the task holds it too, so its Java caller gets it. Go on serving
                    # the others, as the loop has not been asked to stop.
                    if self._stopping:
                        break
            self._shutdown(grace)
        finally:
            asyncio.set_event_loop(None)
            loop.close()

    def _shutdown(self, grace):
        loop = self.loop
        tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            loop.run_until_complete(asyncio.wait(tasks, timeout=grace))
        loop.run_until_complete(loop.shutdown_asyncgens())
        try:
            loop.run_until_complete(asyncio.wait_for(loop.shutdown_default_executor(), grace))
        except asyncio.TimeoutError:
            pass

    def submit(self, awaitable, done):
        """Runs awaitable on the loop; done(state, value) is called once, on the loop's thread or on the
        thread that cancels. Returns the concurrent.futures.Future whose cancel() cancels the task."""
        if self._closing:
            raise RuntimeError("the bridge's event loop is closing")
        coroutine = awaitable if asyncio.iscoroutine(awaitable) else _await(awaitable)
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        self._calls.add(future)
        future.add_done_callback(functools.partial(self._finished, done))
        return future

    def _finished(self, done, future):
        self._calls.discard(future)
        try:
            if future.cancelled():
                done(CANCELLED, None)
            else:
                error = future.exception()
                if error is not None:
                    done(ERROR, error)
                else:
                    done(RESULT, future.result())
        finally:
            if self._closing and not self._calls:
                self._call_soon(self.loop.stop)

    def begin_close(self):
        """Stops the loop as soon as no call from Java is left (now, when none is)."""
        self._closing = True
        self._call_soon(self._stop_if_idle)

    def _stop_if_idle(self):
        if not self._calls:
            self.loop.stop()

    def stop(self):
        """Stops the loop now: the tasks left are cancelled."""
        self._closing = True
        self._stopping = True
        self._call_soon(self.loop.stop)

    def _call_soon(self, callback):
        try:
            self.loop.call_soon_threadsafe(callback)
        except RuntimeError:
            pass  # the loop is closed already


class JavaFuture(concurrent.futures.Future):
    """A Java CompletableFuture or CompletionStage in Python: a concurrent.futures.Future that any asyncio
    event loop can await (``await future``) and that can be waited for (``future.result()``).

    It completes when the Java future does, with its value converted to Python, or with its exception (a
    PythonException as the Python exception it came from, others as _pybridge.JavaException).
    Cancelling it cancels the Java future (cancel(true)), and a cancelled Java future cancels it.
    """

    def __init__(self, cancel_java):
        super().__init__()
        self._cancel_java = cancel_java
        self.add_done_callback(JavaFuture._forward_cancel)

    def __await__(self):
        return asyncio.wrap_future(self).__await__()

    @staticmethod
    def _forward_cancel(future):
        if future.cancelled():
            future._cancel_java()

    def _java_result(self, value):
        try:
            self.set_result(value)
        except concurrent.futures.InvalidStateError:
            pass

    def _java_failure(self, raise_failure):
        try:
            raise_failure()
        except BaseException as failure:
            try:
                self.set_exception(failure)
            except concurrent.futures.InvalidStateError:
                pass

    def _java_cancelled(self):
        self.cancel()
