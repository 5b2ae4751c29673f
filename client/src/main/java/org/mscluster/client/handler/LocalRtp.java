package org.mscluster.client.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mediasoup codec parameters (protoo JSON) as SDP lines for the remote side's m-sections, and back
 * (for tests and the receive side's checks). Reading and fitting a local sending section is the shared
 * SDP module's job ({@link RtpJson}).
 */
final class LocalRtp {
    static final ObjectMapper JSON = new ObjectMapper();

    private LocalRtp() {
    }

    /** Every codec the section lists, in its order, as mediasoup codec parameters keyed by payload type. */
    static Map<Integer, ObjectNode> codecs(SdpSection section) {
        Map<Integer, ObjectNode> codecs = new LinkedHashMap<>();
        for (String rtpmap : section.attributes("rtpmap")) {
            int space = rtpmap.indexOf(' ');
            int pt = Integer.parseInt(rtpmap.substring(0, space));
            String[] encoding = rtpmap.substring(space + 1).split("/");
            ObjectNode codec = JSON.createObjectNode()
                    .put("mimeType", section.kind() + "/" + encoding[0])
                    .put("payloadType", pt)
                    .put("clockRate", Integer.parseInt(encoding[1]));
            if (encoding.length > 2)
                codec.put("channels", Integer.parseInt(encoding[2]));
            codec.set("parameters", JSON.createObjectNode());
            codec.set("rtcpFeedback", JSON.createArrayNode());
            codecs.put(pt, codec);
        }
        for (String fmtp : section.attributes("fmtp")) {
            int space = fmtp.indexOf(' ');
            ObjectNode codec = codecs.get(Integer.parseInt(fmtp.substring(0, space)));
            if (codec == null)
                continue;
            ObjectNode parameters = (ObjectNode) codec.get("parameters");
            for (String pair : fmtp.substring(space + 1).split(";")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2)
                    putParameter(parameters, kv[0], kv[1]);
            }
        }
        for (String fb : section.attributes("rtcp-fb")) {
            String[] parts = fb.split(" ", 3);
            if (parts[0].equals("*"))
                continue;
            ObjectNode codec = codecs.get(Integer.parseInt(parts[0]));
            if (codec != null)
                ((ArrayNode) codec.get("rtcpFeedback")).addObject().put("type", parts[1]).put("parameter", parts.length > 2 ? parts[2] : "");
        }
        return codecs;
    }

    // mediasoup keeps numeric fmtp values as numbers (apt, packetization-mode, useinbandfec…).
    private static void putParameter(ObjectNode parameters, String key, String value) {
        if (value.matches("-?\\d{1,9}"))
            parameters.put(key, Integer.parseInt(value));
        else
            parameters.put(key, value);
    }

    /** SDP lines for {@code codecs} (mediasoup codec parameters): rtpmap, fmtp and rtcp-fb. */
    static List<String> codecLines(JsonNode codecs) {
        List<String> lines = new ArrayList<>();
        for (JsonNode codec : codecs) {
            int pt = codec.path("payloadType").asInt();
            String mime = codec.path("mimeType").asText();
            String rtpmap = "a=rtpmap:" + pt + " " + mime.substring(mime.indexOf('/') + 1) + "/" + codec.path("clockRate").asInt();
            if (codec.has("channels") && codec.path("channels").asInt() > 1)
                rtpmap += "/" + codec.path("channels").asInt();
            lines.add(rtpmap);
            List<String> pairs = new ArrayList<>();
            codec.path("parameters").fields().forEachRemaining(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
            if (!pairs.isEmpty())
                lines.add("a=fmtp:" + pt + " " + String.join(";", pairs));
            for (JsonNode fb : codec.path("rtcpFeedback")) {
                String parameter = fb.path("parameter").asText("");
                lines.add("a=rtcp-fb:" + pt + " " + fb.path("type").asText() + (parameter.isEmpty() ? "" : " " + parameter));
            }
        }
        return lines;
    }

    static String payloadTypes(JsonNode codecs) {
        StringBuilder pts = new StringBuilder();
        for (JsonNode codec : codecs)
            pts.append(pts.length() == 0 ? "" : " ").append(codec.path("payloadType").asInt());
        return pts.toString();
    }
}
