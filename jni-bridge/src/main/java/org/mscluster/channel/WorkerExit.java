package org.mscluster.channel;

/**
 * How a worker ended. {@code code} is the return value of {@code mediasoup_worker_run} or the process
 * exit status; {@code signal} is set when a child process was killed by one; {@code reason} says why
 * when neither is known (a remote worker whose link was lost: code -1).
 */
public record WorkerExit(int code, String signal, String reason) {

    /** Exit code for invalid settings, shared by the library and the executable. */
    public static final int SETTINGS_ERROR = 42;

    public WorkerExit(int code, String signal) {
        this(code, signal, null);
    }

    public static WorkerExit ofCode(int code) {
        return new WorkerExit(code, null);
    }

    /** A worker that cannot be reached any more, or never was (its host refused, the link broke). */
    public static WorkerExit unreachable(String reason) {
        return new WorkerExit(-1, null, reason);
    }

    public boolean clean() {
        return code == 0 && signal == null;
    }

    /** A sentence for logs and errors, e.g. {@code exit code 42 (invalid settings)}. */
    public String describe() {
        if (reason != null) {
            return reason;
        }
        if (signal != null) {
            return "killed by signal " + signal;
        }
        return switch (code) {
            case 0 -> "exit code 0";
            case 40 -> "exit code 40 (MediaSoupError)";
            case 41 -> "exit code 41 (missing MEDIASOUP_VERSION)";
            case SETTINGS_ERROR -> "exit code 42 (invalid settings)";
            case 134 -> "exit code 134 (abort)";
            default -> "exit code " + code;
        };
    }
}
