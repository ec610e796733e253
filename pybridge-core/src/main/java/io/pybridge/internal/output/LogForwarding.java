package io.pybridge.internal.output;

import io.pybridge.internal.convert.PublicFaces;
import io.pybridge.internal.convert.PyRef;

import io.pybridge.convert.TypeRef;
import io.pybridge.internal.convert.CallableArgument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Consumer;

/**
 * Python's {@code logging} records as SLF4J events: the Python logger's name is the SLF4J logger's, the
 * level maps by range (CRITICAL and ERROR to ERROR, WARNING to WARN, INFO, DEBUG, anything lower to
 * TRACE), the message is the record's {@code getMessage()} (SLF4J's layout adds time, level and name), and
 * an exception the record carries ({@code logger.exception(…)}, {@code exc_info=True}) becomes the event's
 * cause: a {@code PythonExecutionException} with the Python traceback and frames.
 */
public final class LogForwarding {
    private static final Type RECORD_SINK = new TypeRef<Consumer<List<Object>>>() { }.type();

    private LogForwarding() {
    }

    /**
     * Adds the forwarding handler to Python's root logger and sets the root logger's level to the most
     * detailed one SLF4J's root logger enables (Python's default, WARNING, would drop INFO records before
     * SLF4J could decide). Takes the GIL.
     */
    public static void start() {
        Consumer<List<Object>> sink = LogForwarding::emit;
        try (PyRef forward = OutputRedirection.MODULE.attribute("forward_logging")) {
            forward.call(new CallableArgument(sink, RECORD_SINK), pythonLevel(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)))
                    .close();
        }
    }

    /** One record: [logger name, level number, message, exception or None]. Runs in Python's emit(). */
    private static void emit(List<Object> record) {
        PyRef error = PublicFaces.objects().refOf(record.get(3));
        try {
            Logger logger = LoggerFactory.getLogger((String) record.get(0));
            Level level = slf4jLevel((Long) record.get(1));
            if (!logger.isEnabledForLevel(level)) {
                return;
            }
            Throwable cause = error == null ? null : error.javaException();
            String message = (String) record.get(2);
            OutputRedirection.<Void>releasingGil(ignored -> logger.atLevel(level).setCause(cause).log(message)).accept(null);
        } finally {
            if (error != null) {
                error.close();
            }
        }
    }

    static Level slf4jLevel(long pythonLevel) {
        if (pythonLevel >= 40) {
            return Level.ERROR;
        }
        if (pythonLevel >= 30) {
            return Level.WARN;
        }
        if (pythonLevel >= 20) {
            return Level.INFO;
        }
        return pythonLevel >= 10 ? Level.DEBUG : Level.TRACE;
    }

    /** The Python level that lets through what {@code logger} enables. */
    static int pythonLevel(Logger logger) {
        if (logger.isTraceEnabled()) {
            return 1;
        }
        if (logger.isDebugEnabled()) {
            return 10;
        }
        if (logger.isInfoEnabled()) {
            return 20;
        }
        return logger.isWarnEnabled() ? 30 : 40;
    }
}
