package io.pybridge.internal.api;

/**
 * The public exceptions ({@code PythonException} and its kinds), made and recognised for the internal
 * layers without naming them: they belong to the public package, the top layer, and their constructors
 * are not public API. The public package installs the one {@link Factory} when {@code Python} is
 * initialized, which happens before any of these can be needed.
 */
public final class ApiErrors {
    private static volatile Factory factory;

    /** What the public package provides. */
    public interface Factory {
        /**
         * A raised Python exception: an import failure ({@code ImportError}) or any other. A null
         * {@code message} is {@code "pythonType: pythonMessage"}, made when it is first read.
         */
        RuntimeException raised(boolean importFailure, String message, String pythonType, String pythonMessage,
                                RaisedTraceback traceback, Throwable cause);

        /** A module or module folder that could not be found or bound, without a Python exception. */
        RuntimeException importFailure(String message);

        /** A value that could not be converted; {@code path} says where in it. */
        RuntimeException conversion(String path, String problem, Throwable cause);

        /** No usable runtime, or one that failed to load or start. */
        RuntimeException setup(String message, Throwable cause);

        /** The Python type name of a public exception, null for anything else or when it has none. */
        String pythonType(Throwable failure);

        /** The message of a public exception without its path, null for anything else. */
        String pythonMessage(Throwable failure);

        /** The path of a conversion failure, null for anything else. */
        String conversionPath(Throwable failure);

        /** The raised exception behind a public exception, null for anything else or when there is none. */
        RaisedTraceback raisedBy(Throwable failure);

        /** Whether {@code failure} is one of the public exceptions. */
        boolean isPublic(Throwable failure);

        /** Whether {@code failure} says that no runtime could serve, or one failed to start. */
        boolean isSetupFailure(Throwable failure);

        /**
         * Puts {@code callerFrames}, the stack of the thread a call was made on, under the frames of
         * {@code failure}, a public exception the call threw on a bridge thread; false for anything else.
         */
        boolean addCallerFrames(Throwable failure, Throwable callerFrames);
    }

    private ApiErrors() {
    }

    public static void install(Factory installed) {
        factory = installed;
    }

    private static Factory factory() {
        Factory installed = factory;
        if (installed == null) {
            PublicPackage.initialize();
            installed = factory;
        }
        return installed;
    }

    public static RuntimeException raised(boolean importFailure, String message, String pythonType, String pythonMessage,
                                          RaisedTraceback traceback, Throwable cause) {
        return factory().raised(importFailure, message, pythonType, pythonMessage, traceback, cause);
    }

    /**
     * How many of the first frames of {@code frames}, the stack trace of a public exception, are the bridge
     * making it: the factory, this class, and below them the frames {@code traceback} names as its
     * translation ({@link RaisedTraceback#translates}). The public exception's stack trace leaves them out,
     * so that its Python frames are followed by the Java code that made the call, as in Python the frame
     * that raised is followed by the frame that called it.
     */
    public static int translationFrames(StackTraceElement[] frames, RaisedTraceback traceback) {
        String factoryClass = factory().getClass().getName();
        int count = 0;
        while (count < frames.length) {
            String name = frames[count].getClassName();
            if (!name.equals(factoryClass) && !name.equals(ApiErrors.class.getName())
                    && (traceback == null || !traceback.translates(frames[count]))) {
                break;
            }
            count++;
        }
        return count;
    }

    public static RuntimeException importFailure(String message) {
        return factory().importFailure(message);
    }

    public static RuntimeException conversion(String path, String problem, Throwable cause) {
        return factory().conversion(path, problem, cause);
    }

    public static RuntimeException setup(String message) {
        return factory().setup(message, null);
    }

    public static RuntimeException setup(String message, Throwable cause) {
        return factory().setup(message, cause);
    }

    public static String pythonType(Throwable failure) {
        return factory().pythonType(failure);
    }

    public static String pythonMessage(Throwable failure) {
        return factory().pythonMessage(failure);
    }

    /** Whether {@code failure} is one of the public exceptions. */
    public static boolean isPythonException(Throwable failure) {
        return factory().isPublic(failure);
    }

    public static String conversionPath(Throwable failure) {
        return factory().conversionPath(failure);
    }

    public static RaisedTraceback raisedBy(Throwable failure) {
        return factory().raisedBy(failure);
    }

    /** Whether {@code failure} says that no runtime could serve, or one failed to start. */
    public static boolean isSetupFailure(Throwable failure) {
        return factory().isSetupFailure(failure);
    }

    public static boolean addCallerFrames(Throwable failure, Throwable callerFrames) {
        return factory().addCallerFrames(failure, callerFrames);
    }
}
