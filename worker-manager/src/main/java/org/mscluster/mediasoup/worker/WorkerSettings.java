package org.mscluster.mediasoup.worker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * mediasoup's {@code WorkerSettings}, plus how the worker is hosted ({@link WorkerMode}; Node has
 * only child processes) and, for {@link WorkerMode#REMOTE}, which media host runs it. Unset values
 * keep the worker's defaults.
 */
public record WorkerSettings(
        WorkerLogLevel logLevel,
        List<WorkerLogTag> logTags,
        Integer rtcMinPort,
        Integer rtcMaxPort,
        String dtlsCertificateFile,
        String dtlsPrivateKeyFile,
        String libwebrtcFieldTrials,
        WorkerMode mode,
        MediaHostEndpoint remote,
        Map<String, Object> appData) {

    public WorkerSettings {
        logTags = logTags == null ? List.of() : List.copyOf(logTags);
        mode = mode == null ? (remote != null ? WorkerMode.REMOTE : WorkerMode.IN_PROCESS) : mode;
        if (mode == WorkerMode.REMOTE && remote == null) {
            throw new IllegalArgumentException("a remote worker needs the media host to run on (WorkerSettings.remote)");
        }
        appData = appData == null ? new HashMap<>() : appData;
    }

    public static WorkerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The worker's command-line settings, as {@code --name=value} (the only form it accepts). */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        if (logLevel != null) {
            args.add("--logLevel=" + logLevel.value());
        }
        for (WorkerLogTag tag : logTags) {
            args.add("--logTag=" + tag.value());
        }
        if (rtcMinPort != null) {
            args.add("--rtcMinPort=" + rtcMinPort);
        }
        if (rtcMaxPort != null) {
            args.add("--rtcMaxPort=" + rtcMaxPort);
        }
        if (dtlsCertificateFile != null && !dtlsCertificateFile.isEmpty()) {
            args.add("--dtlsCertificateFile=" + dtlsCertificateFile);
        }
        if (dtlsPrivateKeyFile != null && !dtlsPrivateKeyFile.isEmpty()) {
            args.add("--dtlsPrivateKeyFile=" + dtlsPrivateKeyFile);
        }
        if (libwebrtcFieldTrials != null && !libwebrtcFieldTrials.isEmpty()) {
            args.add("--libwebrtcFieldTrials=" + libwebrtcFieldTrials);
        }
        return args;
    }

    public static final class Builder {
        private WorkerLogLevel logLevel;
        private List<WorkerLogTag> logTags;
        private Integer rtcMinPort;
        private Integer rtcMaxPort;
        private String dtlsCertificateFile;
        private String dtlsPrivateKeyFile;
        private String libwebrtcFieldTrials;
        private WorkerMode mode;
        private MediaHostEndpoint remote;
        private Map<String, Object> appData;

        public Builder logLevel(WorkerLogLevel value) {
            logLevel = value;
            return this;
        }

        public Builder logTags(List<WorkerLogTag> value) {
            logTags = value;
            return this;
        }

        public Builder rtcMinPort(Integer value) {
            rtcMinPort = value;
            return this;
        }

        public Builder rtcMaxPort(Integer value) {
            rtcMaxPort = value;
            return this;
        }

        public Builder dtlsCertificateFile(String value) {
            dtlsCertificateFile = value;
            return this;
        }

        public Builder dtlsPrivateKeyFile(String value) {
            dtlsPrivateKeyFile = value;
            return this;
        }

        public Builder libwebrtcFieldTrials(String value) {
            libwebrtcFieldTrials = value;
            return this;
        }

        public Builder mode(WorkerMode value) {
            mode = value;
            return this;
        }

        /** The media host of a {@link WorkerMode#REMOTE} worker (setting it implies that mode). */
        public Builder remote(MediaHostEndpoint value) {
            remote = value;
            return this;
        }

        public Builder appData(Map<String, Object> value) {
            appData = value;
            return this;
        }

        public WorkerSettings build() {
            return new WorkerSettings(logLevel, logTags, rtcMinPort, rtcMaxPort, dtlsCertificateFile,
                    dtlsPrivateKeyFile, libwebrtcFieldTrials, mode, remote, appData);
        }
    }
}
