package org.mscluster.mediasoup.worker;

import java.util.List;

/** What {@link Worker#updateSettings} can change while the worker runs; null leaves a value as it is. */
public record WorkerUpdateableSettings(WorkerLogLevel logLevel, List<WorkerLogTag> logTags) {
}
