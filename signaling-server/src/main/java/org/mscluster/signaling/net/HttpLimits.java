package org.mscluster.signaling.net;

/**
 * Sizes of the HTTP requests the port reads (WebSocket upgrades included), passed to Netty's
 * {@code HttpServerCodec} and {@code HttpObjectAggregator}. A request over them is answered with
 * JSON (414, 431, 413) and its connection closed, never reset; see {@link HttpRefusals}.
 *
 * @param maxUrlBytes the request line: method, URL with its query, version (a join URL with a token is
 *     well under 1 KiB)
 * @param maxHeaderBytes all header lines together (browsers send a few KiB, cookies included)
 * @param maxChunkBytes largest piece of a body the decoder hands on at once (the aggregator joins them:
 *     a buffer size, not a limit a client can hit)
 * @param maxBodyBytes largest request body (the admin API's JSON)
 */
public record HttpLimits(int maxUrlBytes, int maxHeaderBytes, int maxChunkBytes, int maxBodyBytes) {

    public static final int DEFAULT_MAX_URL_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_CHUNK_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_URL_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_CHUNK_BYTES, DEFAULT_MAX_BODY_BYTES);
    }

    public HttpLimits {
        if (maxUrlBytes < 256 || maxHeaderBytes < 1024 || maxChunkBytes < 1024 || maxBodyBytes < 1024) {
            throw new IllegalArgumentException("HTTP limits too small: the URL at least 256 bytes, headers, chunks and bodies 1024");
        }
    }
}
