package org.mscluster.cli.cluster;

import java.util.List;

/** Closing what a test class started, in order, each whatever the others did: one failure must not leave processes behind. */
final class Teardown {

    private Teardown() {
    }

    /** Closes each non-null resource; a failure is printed under {@code owner} and the rest are still closed. */
    static void closeAll(String owner, List<? extends AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                System.err.println("[" + owner + "] closing " + resource + ": " + e);
            }
        }
    }
}
