package org.mscluster.mediasoup.producer;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Quality (0–10) of one of a producer's streams as received; {@code rid} is {@code null} for SSRC streams. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProducerScore(long encodingIdx, long ssrc, String rid, int score) {
}
