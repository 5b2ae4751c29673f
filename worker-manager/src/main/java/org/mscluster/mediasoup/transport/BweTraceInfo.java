package org.mscluster.mediasoup.transport;

/** The {@code info} of a {@code bwe} trace event: the bandwidth estimator's figures, in bits per second. */
public record BweTraceInfo(
        String bweType,
        long desiredBitrate,
        long effectiveDesiredBitrate,
        long minBitrate,
        long maxBitrate,
        long startBitrate,
        long maxPaddingBitrate,
        long availableBitrate) {
}
