package org.mscluster.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One line for a user out of an exception, without the wrappers that futures add. */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
