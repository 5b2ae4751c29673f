package org.mscluster.mediasoup.pool;

import java.util.ArrayList;
import java.util.List;
import org.mscluster.mediasoup.transport.PortRange;
import org.mscluster.mediasoup.worker.WorkerSettings;

/**
 * One contiguous part of a port range per worker, so that workers of a pool never contend for the
 * same ports: {@code parts} ranges of equal size in order, the last one taking what does not divide
 * evenly. A side given alone is completed with the worker's default (10000 or 59999).
 */
final class PortRangeSplit {

    static final int WORKER_DEFAULT_MIN = 10000;
    static final int WORKER_DEFAULT_MAX = 59999;

    private PortRangeSplit() {
    }

    static List<PortRange> split(int min, int max, int parts) {
        int span = max - min + 1;
        if (min < 1 || max > 65535 || span < parts) {
            throw new IllegalArgumentException("cannot split ports " + min + ".." + max + " among " + parts + " workers");
        }
        int each = span / parts;
        List<PortRange> ranges = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            int first = min + i * each;
            ranges.add(PortRange.of(first, i == parts - 1 ? max : first + each - 1));
        }
        return ranges;
    }

    /** {@code template} once per worker, each with its own part of the template's port range if it has one. */
    static List<WorkerSettings> perWorker(WorkerSettings template, int workers) {
        List<WorkerSettings> settings = new ArrayList<>(workers);
        if (template.rtcMinPort() == null && template.rtcMaxPort() == null) {
            for (int i = 0; i < workers; i++) {
                settings.add(template);
            }
            return settings;
        }
        int min = template.rtcMinPort() == null ? WORKER_DEFAULT_MIN : template.rtcMinPort();
        int max = template.rtcMaxPort() == null ? WORKER_DEFAULT_MAX : template.rtcMaxPort();
        for (PortRange range : split(min, max, workers)) {
            settings.add(new WorkerSettings(template.logLevel(), template.logTags(), range.min(), range.max(),
                    template.dtlsCertificateFile(), template.dtlsPrivateKeyFile(), template.libwebrtcFieldTrials(),
                    template.mode(), template.remote(), template.appData()));
        }
        return settings;
    }
}
