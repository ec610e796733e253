"""Python context managers used from Java (PyBridge): what a with statement does, in two halves."""


def enter(manager):
    """The start of ``with manager as value``: returns (value, exit), exit bound to the manager.

    __enter__ and __exit__ are looked up on the type, as the with statement does.
    """
    cls = type(manager)
    try:
        enter_method = cls.__enter__
        exit_method = cls.__exit__
    except AttributeError:
        raise TypeError("'%s.%s' object does not support the context manager protocol"
                        % (cls.__module__, cls.__qualname__)) from None
    value = enter_method(manager)
    return value, exit_method.__get__(manager, cls)


def exit_ok(exit):
    """The end of a with block that completed: exit(None, None, None)."""
    exit(None, None, None)


def exit_failed(exit, raise_failure):
    """The end of a with block that raised: True when __exit__ suppressed the exception.

    raise_failure raises the Java exception in Python (a PythonException as the Python exception it
    came from, anything else as _pybridge.JavaException), so __exit__ gets the (type, value, traceback)
    a with statement would give it, and an exception __exit__ raises gets it as its __context__.
    """
    try:
        raise_failure()
    except BaseException as failure:
        try:
            return bool(exit(type(failure), failure, failure.__traceback__))
        except BaseException as raised:
            if raised is failure:
                return False
            raise
    raise RuntimeError("raise_failure() returned without raising")
