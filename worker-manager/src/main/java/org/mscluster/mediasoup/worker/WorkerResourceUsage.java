package org.mscluster.mediasoup.worker;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code getrusage(2)} of the worker, with the Node layer's field names in JSON. Times are in
 * milliseconds, as the worker reports them. In-process, the figures are those of the whole JVM
 * process, since the worker shares it.
 */
public record WorkerResourceUsage(
        @JsonProperty("ru_utime") long ruUtime,
        @JsonProperty("ru_stime") long ruStime,
        @JsonProperty("ru_maxrss") long ruMaxrss,
        @JsonProperty("ru_ixrss") long ruIxrss,
        @JsonProperty("ru_idrss") long ruIdrss,
        @JsonProperty("ru_isrss") long ruIsrss,
        @JsonProperty("ru_minflt") long ruMinflt,
        @JsonProperty("ru_majflt") long ruMajflt,
        @JsonProperty("ru_nswap") long ruNswap,
        @JsonProperty("ru_inblock") long ruInblock,
        @JsonProperty("ru_oublock") long ruOublock,
        @JsonProperty("ru_msgsnd") long ruMsgsnd,
        @JsonProperty("ru_msgrcv") long ruMsgrcv,
        @JsonProperty("ru_nsignals") long ruNsignals,
        @JsonProperty("ru_nvcsw") long ruNvcsw,
        @JsonProperty("ru_nivcsw") long ruNivcsw) {
}
