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


class JavaMemory:
    """Java memory that numpy reads through the array interface.

    numpy keeps this object as the base of every array over the memory, and this object keeps the Java
    memory alive: Java frees it only after numpy has dropped the last array that uses it.
    """

    __slots__ = ("__array_interface__", "_java_memory")

    def __init__(self, interface, java_memory):
        self.__array_interface__ = interface
        self._java_memory = java_memory


def wrap_memory(address, readonly, typestr, shape, java_memory):
    """A numpy array over ``shape`` elements of ``typestr`` at ``address``, without a copy."""
    import numpy

    interface = {"version": 3, "data": (address, readonly), "typestr": typestr, "shape": tuple(shape)}
    return numpy.asarray(JavaMemory(interface, java_memory))


def _publish():
    module = types.ModuleType(__name__, __doc__)
    for name in ("JavaException", "JavaMemory", "wrap_memory"):
        setattr(module, name, globals()[name])
    # setdefault is atomic: when two threads get here at once, both end up with the same module.
    return sys.modules.setdefault(__name__, module)


module = _publish()
