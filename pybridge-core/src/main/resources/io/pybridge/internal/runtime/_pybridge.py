"""What PyBridge defines inside the interpreter it embeds.

Importable as ``_pybridge`` once the bridge has needed it (the first Java callable passed to Python,
or the first NDArray.wrap).
"""
import sys
import types


class JavaException(Exception):
    """A Java exception thrown by Java code that Python called (a Java callable passed to Python).

    ``str(e)`` is the Java exception's class and message; ``java_class`` is the class name. If it
    propagates out of Python, Java receives the original Java exception in the cause chain.
    """

    def __init__(self, message, java_class, java_throwable):
        super().__init__(message)
        self.java_class = java_class
        self._java_throwable = java_throwable


# The numbers of the Java memory whose holders are gone; the bridge drains it at its next GIL scope.
_released_memory = []


class JavaMemory:
    """Java memory that numpy reads through the array interface.

    numpy keeps this object as the base of every array over the memory, and Java keeps the memory
    alive until this object reports its end: Java frees it only after numpy has dropped the last array
    that uses it.
    """

    __slots__ = ("__array_interface__", "_java_memory")

    def __init__(self, interface, java_memory):
        self._java_memory = java_memory
        self.__array_interface__ = interface

    def __del__(self, _released=_released_memory):
        number = getattr(self, "_java_memory", None)
        if number is not None:
            _released.append(number)

    def __reduce_ex__(self, protocol):
        # A copy would report the memory's end a second time, while arrays over it may remain.
        raise TypeError("Java memory under a numpy array cannot be copied or pickled; copy the array instead")


def wrap_memory(address, readonly, typestr, shape, java_memory):
    """A numpy array over ``shape`` elements of ``typestr`` at ``address``, without a copy."""
    import numpy

    interface = {"version": 3, "data": (address, readonly), "typestr": typestr, "shape": tuple(shape)}
    return numpy.asarray(JavaMemory(interface, java_memory))


class _DetachedFrame:
    """What the traceback module reads of a frame, for one PyBridge no longer holds."""

    __slots__ = ("f_code", "f_globals", "f_builtins", "f_lineno", "f_locals")

    def __init__(self, code, module_globals, lineno):
        self.f_code = code
        self.f_globals = module_globals
        self.f_builtins = {}
        self.f_lineno = lineno
        self.f_locals = {}


class _DetachedTraceback:
    """One entry of a traceback PyBridge took off an exception, as the traceback module reads it."""

    __slots__ = ("tb_frame", "tb_lasti", "tb_lineno", "tb_next")

    def __init__(self, frame, lasti, lineno):
        self.tb_frame = frame
        self.tb_lasti = lasti
        self.tb_lineno = lineno
        self.tb_next = None


_CAUSE_MESSAGE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT_MESSAGE = "\nDuring handling of the above exception, another exception occurred:\n\n"


class DetachedTracebacks:
    """The tracebacks of an exception chain that PyBridge took off the exceptions when Java caught them.

    Java keeps what a traceback says (code, instruction, line, module) but not its frames, which hold
    every local variable of the failed functions. ``add`` gives one entry back, outermost first;
    ``format(exception)`` is then the text ``traceback.format_exception(exception)`` gave before.
    """

    def __init__(self):
        self._tracebacks = {}

    def add(self, exception, code, name, loader, spec, lasti, lineno):
        module_globals = {"__name__": name, "__loader__": loader, "__spec__": spec}
        entry = _DetachedTraceback(_DetachedFrame(code, module_globals, lineno), lasti, lineno)
        known = self._tracebacks.get(id(exception))
        if known is None:
            self._tracebacks[id(exception)] = [exception, entry, entry]
        else:
            known[2].tb_next = entry
            known[2] = entry

    def _traceback(self, exception):
        known = self._tracebacks.get(id(exception))
        return exception.__traceback__ if known is None else known[1]

    def format(self, exception):
        import traceback

        # The chain as traceback.TracebackException walks it (compact=True), then each exception alone.
        links = []
        seen = {id(exception)}
        current = exception
        while current is not None:
            cause = current.__cause__
            context = current.__context__
            if cause is not None and id(cause) not in seen:
                message, following = _CAUSE_MESSAGE, cause
            elif context is not None and not current.__suppress_context__ and id(context) not in seen:
                message, following = _CONTEXT_MESSAGE, context
            else:
                message, following = None, None
            links.append((message, current))
            if following is not None:
                seen.add(id(following))
            current = following
        lines = []
        for message, current in reversed(links):
            if message is not None:
                lines.append(message)
            lines.extend(traceback.format_exception(type(current), current, self._traceback(current), chain=False))
        return "".join(lines)


def _publish():
    module = types.ModuleType(__name__, __doc__)
    for name in ("JavaException", "JavaMemory", "wrap_memory", "_released_memory", "DetachedTracebacks"):
        setattr(module, name, globals()[name])
    # setdefault is atomic: when two threads get here at once, both end up with the same module.
    return sys.modules.setdefault(__name__, module)


module = _publish()
