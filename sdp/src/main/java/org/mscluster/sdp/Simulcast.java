package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=simulcast:send <streams> [recv <streams>]} (RFC 8853). Each stream is a list of
 * alternative RIDs; a leading {@code ~} (paused) is dropped from {@link #send()}/{@link #recv()},
 * as mediasoup-client does.
 */
public record Simulcast(List<List<String>> send, List<List<String>> recv) {

    public Simulcast {
        send = List.copyOf(send);
        recv = List.copyOf(recv);
    }

    public static Simulcast parse(String value) {
        List<List<String>> send = List.of();
        List<List<String>> recv = List.of();
        String[] parts = value.trim().split(" +");
        if (parts.length % 2 != 0) {
            throw new SdpParseException("bad a=simulcast:" + value);
        }
        for (int i = 0; i < parts.length; i += 2) {
            List<List<String>> streams = streams(parts[i + 1]);
            if (parts[i].equals("send")) {
                send = streams;
            } else if (parts[i].equals("recv")) {
                recv = streams;
            } else {
                throw new SdpParseException("bad direction '" + parts[i] + "' in a=simulcast:" + value);
            }
        }
        return new Simulcast(send, recv);
    }

    private static List<List<String>> streams(String list) {
        List<List<String>> streams = new ArrayList<>();
        for (String stream : list.split(";")) {
            List<String> alternatives = new ArrayList<>();
            for (String rid : stream.split(",")) {
                String id = rid.startsWith("~") ? rid.substring(1) : rid;
                if (!id.isEmpty()) {
                    alternatives.add(id);
                }
            }
            if (!alternatives.isEmpty()) {
                streams.add(List.copyOf(alternatives));
            }
        }
        return streams;
    }

    /** The first RID of each send stream: the encodings a sender announces. */
    public List<String> sendRids() {
        return send.stream().map(alternatives -> alternatives.get(0)).toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!send.isEmpty()) {
            sb.append("send ").append(join(send));
        }
        if (!recv.isEmpty()) {
            sb.append(sb.length() > 0 ? " " : "").append("recv ").append(join(recv));
        }
        return sb.toString();
    }

    private static String join(List<List<String>> streams) {
        return String.join(";", streams.stream().map(alternatives -> String.join(",", alternatives)).toList());
    }
}
