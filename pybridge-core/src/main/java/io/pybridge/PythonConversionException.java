package io.pybridge;

/**
 * A value could not be converted between Java and Python. {@link #path()} says where inside a
 * nested value it happened ({@code "VideoAnalysis.keywords[3]"}); the message also says what was
 * expected and what was found.
 */
public final class PythonConversionException extends PythonException {
    private final String path;

    PythonConversionException(String path, String problem) {
        this(path, problem, null);
    }

    PythonConversionException(String path, String problem, Throwable cause) {
        super(path == null || path.isEmpty() ? problem : path + ": " + problem, null, null, null, cause);
        this.path = path == null ? "" : path;
    }

    /** Where in the value the conversion failed, empty for the top level. */
    public String path() {
        return path;
    }
}
