package org.mscluster.client.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads mediasoup RTP parameters out of a local (webrtc-java) m-section, and writes them back as SDP
 * lines: codecs, header extensions, SSRCs. The JSON shapes are mediasoup's ({@code RtpParameters},
 * {@code RtpCodecParameters}, {@code RtpHeaderExtensionParameters}).
 */
final class LocalRtp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NOT_MEDIA = List.of("rtx", "red", "ulpfec", "flexfec-03", "cn", "telephone-event");

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

    /**
     * The sending RTP parameters of a local m-section, reduced to the first media codec the router
     * supports (and its RTX) and to the header extensions the router knows for that kind.
     */
    static ObjectNode sendParameters(SdpSection section, JsonNode routerCapabilities) {
        String kind = section.kind();
        Map<Integer, ObjectNode> offered = codecs(section);
        ObjectNode chosen = null;
        JsonNode routerCodec = null;
        for (ObjectNode codec : offered.values()) {
            if (NOT_MEDIA.contains(subtype(codec)))
                continue;
            routerCodec = matching(codec, routerCapabilities.path("codecs"));
            if (routerCodec != null) {
                chosen = codec;
                break;
            }
        }
        if (chosen == null)
            throw new IllegalStateException("no " + kind + " codec in common with the router");
        ArrayNode codecs = JSON.createArrayNode();
        codecs.add(withRouterFeedback(chosen, routerCodec));
        for (ObjectNode codec : offered.values()) {
            if (subtype(codec).equals("rtx") && codec.path("parameters").path("apt").asInt() == chosen.get("payloadType").asInt()) {
                codecs.add(codec);
                break;
            }
        }
        ObjectNode parameters = JSON.createObjectNode().put("mid", section.mid());
        parameters.set("codecs", codecs);
        parameters.set("headerExtensions", headerExtensions(section, routerCapabilities));
        ObjectNode encoding = parameters.putArray("encodings").addObject();
        long[] ssrcs = ssrcs(section);
        encoding.put("ssrc", ssrcs[0]);
        if (ssrcs[1] != 0 && codecs.size() > 1)
            encoding.putObject("rtx").put("ssrc", ssrcs[1]);
        String cname = null;
        for (String ssrc : section.attributes("ssrc")) {
            int at = ssrc.indexOf(" cname:");
            if (at > 0)
                cname = ssrc.substring(at + 7);
        }
        ObjectNode rtcp = parameters.putObject("rtcp").put("reducedSize", true);
        if (cname != null)
            rtcp.put("cname", cname);
        return parameters;
    }

    // The answer offers only the feedback both sides support, as mediasoup-client does.
    private static ObjectNode withRouterFeedback(ObjectNode codec, JsonNode routerCodec) {
        ObjectNode copy = codec.deepCopy();
        ArrayNode feedback = copy.putArray("rtcpFeedback");
        for (JsonNode fb : codec.path("rtcpFeedback")) {
            for (JsonNode supported : routerCodec.path("rtcpFeedback")) {
                if (supported.path("type").asText().equals(fb.path("type").asText())
                        && supported.path("parameter").asText("").equals(fb.path("parameter").asText(""))) {
                    feedback.add(fb);
                    break;
                }
            }
        }
        return copy;
    }

    private static ArrayNode headerExtensions(SdpSection section, JsonNode routerCapabilities) {
        ArrayNode extensions = JSON.createArrayNode();
        for (String extmap : section.attributes("extmap")) {
            String[] parts = extmap.split(" ");
            int id = Integer.parseInt(parts[0].split("/")[0]);
            for (JsonNode known : routerCapabilities.path("headerExtensions")) {
                if (known.path("uri").asText().equals(parts[1]) && known.path("kind").asText().equals(section.kind())
                        && !known.path("direction").asText("sendrecv").equals("sendonly")) {
                    ObjectNode extension = extensions.addObject().put("uri", parts[1]).put("id", id).put("encrypt", false);
                    extension.putObject("parameters");
                    break;
                }
            }
        }
        return extensions;
    }

    /** The media SSRC and its RTX SSRC (0 when none) of a local sending section. */
    static long[] ssrcs(SdpSection section) {
        for (String group : section.attributes("ssrc-group")) {
            String[] parts = group.split(" ");
            if (parts[0].equals("FID") && parts.length >= 3)
                return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        }
        String first = section.attribute("ssrc");
        if (first == null)
            throw new IllegalStateException("the local " + section.kind() + " section has no SSRC");
        return new long[] {Long.parseLong(first.substring(0, first.indexOf(' '))), 0};
    }

    static String subtype(JsonNode codec) {
        String mime = codec.path("mimeType").asText();
        return mime.substring(mime.indexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /** The router codec that {@code codec} can be sent as, or null. H.264 must agree on profile and packetization. */
    static JsonNode matching(JsonNode codec, JsonNode routerCodecs) {
        for (JsonNode candidate : routerCodecs) {
            if (!candidate.path("mimeType").asText().equalsIgnoreCase(codec.path("mimeType").asText())
                    || candidate.path("clockRate").asInt() != codec.path("clockRate").asInt())
                continue;
            if (codec.path("mimeType").asText().toLowerCase(Locale.ROOT).startsWith("audio/")
                    && candidate.path("channels").asInt(1) != codec.path("channels").asInt(1))
                continue;
            String subtype = subtype(codec);
            if (subtype.equals("h264") && !(sameParameter(codec, candidate, "packetization-mode")
                    && codec.path("parameters").path("profile-level-id").asText().toLowerCase(Locale.ROOT).substring(0, 4)
                            .equals(candidate.path("parameters").path("profile-level-id").asText("    ").toLowerCase(Locale.ROOT).substring(0, 4))))
                continue;
            if (subtype.equals("vp9") && !sameParameter(codec, candidate, "profile-id"))
                continue;
            return candidate;
        }
        return null;
    }

    private static boolean sameParameter(JsonNode a, JsonNode b, String name) {
        return a.path("parameters").path(name).asText("0").equals(b.path("parameters").path(name).asText("0"));
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
