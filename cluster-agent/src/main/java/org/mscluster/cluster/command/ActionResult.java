package org.mscluster.cluster.command;

/**
 * What became of an admin action.
 *
 * @param status the HTTP status an admin API answers with: 200 done, 404 no such room, peer or
 *     node, 503 the node takes no commands now, 504 it did not answer in time
 */
public record ActionResult(int status, String message) {

    public static ActionResult done(String message) {
        return new ActionResult(200, message);
    }

    public static ActionResult notFound(String message) {
        return new ActionResult(404, message);
    }

    public boolean ok() {
        return status < 300;
    }
}
