"""Java iterators, iterables and streams as Python iterators (PyBridge).

A java.util.Iterator or java.util.stream.Stream passed to Python becomes a JavaIterator; a
java.lang.Iterable that is not a Collection (Collections become lists) becomes a JavaIterable, which
gives a new JavaIterator each time it is iterated. Both are lazy: each __next__ takes one element from
Java, converted as any Java value passed to Python is.
"""

END = object()
"""What the Java side returns once its iterator has no more elements."""


class JavaIterator:
    """A Java iterator: __next__ asks Java for its next element.

    close() ends it early; for a Stream it closes the stream (as its end does too).
    """

    __slots__ = ("_next", "_close")

    def __init__(self, next_element, close=None):
        self._next = next_element
        self._close = close

    def __iter__(self):
        return self

    def __next__(self):
        next_element = self._next
        if next_element is None:
            raise StopIteration
        element = next_element()
        if element is END:
            self.close()
            raise StopIteration
        return element

    def close(self):
        """Ends the iteration; a Java Stream is closed. Idempotent."""
        self._next = None
        close, self._close = self._close, None
        if close is not None:
            close()

    def __repr__(self):
        return "<JavaIterator%s>" % ("" if self._next is not None else " (finished)")


class JavaIterable:
    """A Java Iterable: each iter() starts a new Java iterator."""

    __slots__ = ("_open",)

    def __init__(self, open_iterator):
        self._open = open_iterator

    def __iter__(self):
        next_element, close = self._open()
        return JavaIterator(next_element, close)

    def __repr__(self):
        return "<JavaIterable>"
