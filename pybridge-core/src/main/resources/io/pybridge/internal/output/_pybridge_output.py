"""sys.stdout, sys.stderr and logging into Java (PyBridge).

JavaTextStream replaces sys.stdout or sys.stderr when Python.builder().stdout(...) / stderr(...) send
them to Java: text is handed to Java a whole line at a time, each thread's lines kept apart, so lines
from many threads never mix. JavaLogHandler (Python.builder().forwardLogging()) hands each logging
record to SLF4J.
"""
import atexit
import codecs
import io
import logging
import threading

# A line this long is handed over even without its newline, so that output without newlines (progress
# bars redrawn with \r) cannot grow without bound.
LONGEST_LINE = 8192


class JavaTextStream(io.TextIOBase):
    """A text stream whose lines go to Java.

    write() keeps each thread's unfinished line apart and hands Java every completed line (several at
    once when one write completes several) in one call, so a line is never split or mixed with another
    thread's. flush() also hands over the calling thread's unfinished line, unless the Java side takes
    whole lines only (a logger). There is no file descriptor: fileno() raises io.UnsupportedOperation,
    as for io.StringIO.
    """

    def __init__(self, name, sink, whole_lines):
        super().__init__()
        self._name = name
        self._sink = sink
        self._whole_lines = whole_lines
        self._unfinished = {}
        self._lock = threading.Lock()
        self.buffer = JavaBytes(self)
        atexit.register(self.flush_all)

    @property
    def name(self):
        return "<java %s>" % self._name

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"

    @property
    def line_buffering(self):
        return True

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        raise io.UnsupportedOperation("sys.%s goes to Java (PyBridge's PythonOutput); it has no file descriptor"
                                      % self._name)

    def reconfigure(self, **settings):
        """Accepted and ignored: the text goes to Java as text, so there is nothing to encode or buffer."""

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if not text:
            return 0
        ident = threading.get_ident()
        end = text.rfind("\n") + 1
        with self._lock:
            before = self._unfinished.pop(ident, "")
            if end == 0:
                unfinished = before + text
                if len(unfinished) < LONGEST_LINE:
                    self._unfinished[ident] = unfinished
                    return len(text)
                lines = unfinished
            else:
                lines = before + text[:end]
                if end < len(text):
                    self._unfinished[ident] = text[end:]
        self._sink(lines)
        return len(text)

    def flush(self):
        if self.closed or self._whole_lines:
            return
        with self._lock:
            unfinished = self._unfinished.pop(threading.get_ident(), None)
        if unfinished:
            self._sink(unfinished)

    def flush_all(self):
        """Hands over every thread's unfinished line (at exit, and before the stream is replaced)."""
        with self._lock:
            unfinished = list(self._unfinished.values())
            self._unfinished.clear()
        for text in unfinished:
            self._sink(text)

    def close(self):
        if not self.closed:
            self.flush_all()
        super().close()


class JavaBytes(io.BufferedIOBase):
    """sys.stdout.buffer: bytes decoded as UTF-8 (invalid bytes replaced) into the text stream."""

    def __init__(self, text):
        super().__init__()
        self._text = text
        self._decoders = {}

    def writable(self):
        return True

    def fileno(self):
        return self._text.fileno()

    def write(self, data):
        data = bytes(memoryview(data))
        ident = threading.get_ident()
        decoder = self._decoders.get(ident)
        if decoder is None:
            decoder = self._decoders[ident] = codecs.getincrementaldecoder("utf-8")("replace")
        text = decoder.decode(data)
        if text:
            self._text.write(text)
        return len(data)

    def flush(self):
        self._text.flush()


def redirect(name, sink, whole_lines):
    """Replaces sys.<name> with a JavaTextStream; the one replaced is flushed first."""
    import sys
    previous = getattr(sys, name)
    if previous is not None:
        try:
            previous.flush()
        except Exception:
            pass
    stream = JavaTextStream(name, sink, whole_lines)
    setattr(sys, name, stream)
    return stream


class JavaLogHandler(logging.Handler):
    """Hands every logging record to SLF4J: logger name, level number, message (the record's
    getMessage(), with the stack when stack_info was asked for) and the exception.
    Layout and filtering by level are SLF4J's."""

    def __init__(self, sink):
        super().__init__(logging.NOTSET)
        self._sink = sink

    def emit(self, record):
        try:
            message = record.getMessage()
            if record.stack_info:
                message = message + "\n" + self.formatStack(record.stack_info)
            error = None
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
            elif record.exc_text:
                message = message + "\n" + record.exc_text
            self._sink([record.name, record.levelno, message, error])
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)


def forward_logging(sink, root_level):
    """Adds a JavaLogHandler to the root logger, whose level becomes root_level (what SLF4J enables)."""
    handler = JavaLogHandler(sink)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(root_level)
    return handler
