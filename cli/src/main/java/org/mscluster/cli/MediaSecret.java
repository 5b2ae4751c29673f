package org.mscluster.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared secret of media hosts and the nodes that use them, read from a file the same way on both
 * sides: surrounding whitespace (a trailing newline) is not part of it.
 */
final class MediaSecret {

    /** A secret shorter than this is guessable; neither side starts with one. */
    static final int MIN_BYTES = 16;

    private MediaSecret() {
    }

    /**
     * @param option the option that named {@code file}, for the messages
     * @throws IllegalArgumentException with a message fit for a user
     */
    static byte[] read(Path file, String option) {
        if (file == null) {
            throw new IllegalArgumentException(option + " is needed: the file holding the media hosts' shared secret");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + option + " " + file + ": " + e.getMessage());
        }
        byte[] secret = text.getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the secret in " + file + " is " + secret.length + " bytes; at least " + MIN_BYTES
                    + " are needed");
        }
        return secret;
    }
}
