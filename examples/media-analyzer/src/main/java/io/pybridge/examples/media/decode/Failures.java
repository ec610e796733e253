package io.pybridge.examples.media.decode;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Short readable reasons for the exceptions that reading a file can throw. */
final class Failures {
    private Failures() {
    }

    static String cannotRead(IOException error) {
        return switch (error) {
            case NoSuchFileException e -> "file does not exist";
            case AccessDeniedException e -> "permission denied";
            case EOFException e -> "ends early (truncated file)";
            default -> "cannot be read: " + describe(error);
        };
    }

    /** "ExceptionName: message", or the name alone when there is no message. */
    static String describe(Throwable error) {
        String message = error.getMessage();
        String name = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
