package org.mscluster.mediasoup.pool;

import java.time.Duration;
import org.mscluster.mediasoup.worker.WorkerSettings;

/**
 * Options of {@link WorkerPool#create}: how many workers ({@code size}, one per available core by
 * default), the settings each starts with ({@code settings}; a {@code rtcMinPort}..{@code rtcMaxPort}
 * range there is split into one contiguous part per worker), how long to wait before replacing
 * a dead worker ({@code backoff}) and how long a worker may take to start ({@code startTimeout}).
 */
public record WorkerPoolOptions(
        int size,
        WorkerSettings settings,
        ReplacementBackoff backoff,
        Duration startTimeout,
        java.util.List<WorkerSettings> slotSettings) {

    public WorkerPoolOptions(int size, WorkerSettings settings, ReplacementBackoff backoff, Duration startTimeout) {
        this(size, settings, backoff, startTimeout, null);
    }

    /**
     * A pool whose slots differ, one settings each (remote workers spread over several media hosts):
     * {@code size} is the list's, and no port range is split.
     */
    public static WorkerPoolOptions perSlot(java.util.List<WorkerSettings> slotSettings, ReplacementBackoff backoff,
            Duration startTimeout) {
        return new WorkerPoolOptions(slotSettings.size(), slotSettings.get(0), backoff, startTimeout, slotSettings);
    }

    public WorkerPoolOptions {
        slotSettings = slotSettings == null ? null : java.util.List.copyOf(slotSettings);
        if (slotSettings != null && slotSettings.size() != size) {
            throw new IllegalArgumentException("size " + size + " but " + slotSettings.size() + " slot settings");
        }
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker, got size " + size);
        }
        settings = settings == null ? WorkerSettings.defaults() : settings;
        backoff = backoff == null ? ReplacementBackoff.defaults() : backoff;
        startTimeout = startTimeout == null ? Duration.ofSeconds(30) : startTimeout;
    }

    public static WorkerPoolOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int size = Runtime.getRuntime().availableProcessors();
        private WorkerSettings settings;
        private ReplacementBackoff backoff;
        private Duration startTimeout;

        private Builder() {
        }

        public Builder size(int value) {
            size = value;
            return this;
        }

        public Builder settings(WorkerSettings value) {
            settings = value;
            return this;
        }

        public Builder backoff(ReplacementBackoff value) {
            backoff = value;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            backoff = new ReplacementBackoff(initial, max);
            return this;
        }

        public Builder startTimeout(Duration value) {
            startTimeout = value;
            return this;
        }

        public WorkerPoolOptions build() {
            return new WorkerPoolOptions(size, settings, backoff, startTimeout);
        }
    }
}
