package io.pybridge.internal.convert;

import io.pybridge.internal.api.ApiErrors;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A conversion failure on its way up through nested values: each level it passes adds its own segment
 * ({@code [3]}, {@code .keywords}, {@code ['key']}), so the success path pays nothing for error paths.
 * Becomes a {@code PythonConversionException} at the top. Carries no stack trace. Layers above throw it
 * too, from the conversions they add ({@link ConversionExtensions}).
 */
public final class ConversionFailure extends RuntimeException {
    private final Deque<String> segments = new ArrayDeque<>();
    private final String problem;

    public ConversionFailure(String problem) {
        this(problem, null);
    }

    public ConversionFailure(String problem, Throwable cause) {
        super(problem, cause, false, false);
        this.problem = problem;
    }

    ConversionFailure at(String segment) {
        segments.addFirst(segment);
        return this;
    }

    RuntimeException toException(String root) {
        StringBuilder path = new StringBuilder(root == null ? "" : root);
        for (String segment : segments) {
            if (path.isEmpty() && segment.startsWith(".")) {
                path.append(segment.substring(1));
            } else {
                path.append(segment);
            }
        }
        return ApiErrors.conversion(path.toString(), problem, getCause());
    }
}
