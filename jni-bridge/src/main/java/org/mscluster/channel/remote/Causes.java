package org.mscluster.channel.remote;

/** The sentence a log line or an exit reason gives for a link's failure: its innermost cause's message. */
final class Causes {

    private Causes() {
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
