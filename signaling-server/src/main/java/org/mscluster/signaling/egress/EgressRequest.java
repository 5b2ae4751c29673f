package org.mscluster.signaling.egress;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to send where: the body of {@code POST /api/rooms/{namespace}/{roomId}/egress} (or of the protoo
 * request {@code startEgress}), validated.
 *
 * @param type {@code rtmp} or {@code record}
 * @param url the RTMP URL ({@code rtmp://host[:port]/app/key}); null for a recording
 * @param format {@code mp4}, {@code mkv} or {@code webm} for a recording; {@code flv} for RTMP
 * @param storage {@code file} or {@code s3} for a recording; null for RTMP
 * @param producers the producers to take (empty: per {@code peer}, or the whole room)
 * @param peer the one peer to take, or null
 * @param layout {@code grid} or {@code speaker}: how a composite places its videos
 */
public record EgressRequest(String type, String url, String format, String storage, List<String> producers, String peer,
        String layout) {

    public static final String RTMP = "rtmp";
    public static final String RECORD = "record";
    private static final Set<String> FORMATS = Set.of("mp4", "mkv", "webm");
    private static final Set<String> STORAGES = Set.of("file", "s3");
    private static final Set<String> LAYOUTS = Set.of("grid", "speaker");

    public EgressRequest {
        producers = producers == null ? List.of() : List.copyOf(producers);
    }

    /** @throws IllegalArgumentException with what is wrong, for a 400 */
    public static EgressRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("expected a JSON object such as {\"type\":\"rtmp\",\"url\":\"rtmp://…/app/key\"}"
                    + " or {\"type\":\"record\",\"format\":\"mkv\",\"storage\":\"file\"}");
        }
        String type = text(body, "type");
        if (type == null) {
            throw new IllegalArgumentException("type is required: rtmp or record");
        }
        type = type.toLowerCase(Locale.ROOT);
        String url = null;
        String format;
        String storage = null;
        if (RTMP.equals(type)) {
            url = text(body, "url");
            if (url == null) {
                throw new IllegalArgumentException("an rtmp egress needs a url (rtmp://host[:port]/app/key)");
            }
            checkRtmpUrl(url);
            format = "flv";
        } else if (RECORD.equals(type)) {
            format = lower(text(body, "format"), "mkv");
            if (!FORMATS.contains(format)) {
                throw new IllegalArgumentException("format must be mp4, mkv or webm, not '" + format + "'");
            }
            storage = lower(text(body, "storage"), "file");
            if (!STORAGES.contains(storage)) {
                throw new IllegalArgumentException("storage must be file or s3, not '" + storage + "'");
            }
        } else {
            throw new IllegalArgumentException("type must be rtmp or record, not '" + type + "'");
        }
        List<String> producers = new ArrayList<>();
        JsonNode list = body.get("producers");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("producers must be an array of producer ids");
            }
            for (JsonNode id : list) {
                if (!id.isTextual() || id.asText().isBlank()) {
                    throw new IllegalArgumentException("producers must be an array of producer ids, not " + list);
                }
                producers.add(id.asText());
            }
        }
        String peer = text(body, "peer");
        if (peer != null && !producers.isEmpty()) {
            throw new IllegalArgumentException("give producers or peer, not both");
        }
        String layout = lower(text(body, "layout"), "grid");
        if (!LAYOUTS.contains(layout)) {
            throw new IllegalArgumentException("layout must be grid or speaker, not '" + layout + "'");
        }
        return new EgressRequest(type, url, format, storage, producers, peer, layout);
    }

    private static void checkRtmpUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url is not a URL: '" + url + "'");
        }
        if (!"rtmp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null
                || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("url must be rtmp://host[:port]/app/key, not '" + url + "'");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText().isBlank() ? null : value.asText().trim();
    }

    private static String lower(String value, String absent) {
        return value == null ? absent : value.toLowerCase(Locale.ROOT);
    }

    public boolean rtmp() {
        return RTMP.equals(type);
    }

    /** Whether all of the room (or several peers' videos) is taken: a composite, not one stream passed through. */
    public boolean wholeRoom() {
        return peer == null && producers.isEmpty();
    }
}
