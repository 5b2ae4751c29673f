package org.mscluster.signaling.whip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.sdp.MediaSection;
import org.mscluster.sdp.MediaSectionWriter;
import org.mscluster.sdp.ProducerRtpParameters;
import org.mscluster.sdp.RtpParametersReader;
import org.mscluster.sdp.Sdp;
import org.mscluster.sdp.SessionWriter;
import org.mscluster.sdp.Simulcast;
import org.mscluster.sdp.TransportDescription;
import org.mscluster.signaling.json.Json;

/**
 * A WHIP publisher: one producer per usable sending section of the offer (the first codec the
 * room's router takes, simulcast as offered), joined under the display name it was given. Sections
 * the router cannot take are refused in the answer (port 0); an offer with none is a 400.
 */
final class WhipPublisher extends Session {

    private final String displayName;

    WhipPublisher(RoomKey room, String peerId, String token, String displayName, InVmProtooClient client) {
        super(room, peerId, token, client);
        this.displayName = displayName;
    }

    private record Plan(MediaSection section, MediaKind kind, RtpParameters parameters) {
    }

    @Override
    String kind() {
        return "WHIP";
    }

    @Override
    CompletableFuture<Sdp> start(Sdp offer) {
        return client.request("getRouterRtpCapabilities", Map.of())
                .thenApply(caps -> plan(offer, Json.MAPPER.convertValue(caps, RtpCapabilities.class)))
                .thenCompose(plans -> createTransport(offer, true)
                        .thenCompose(local -> client.request("join", Map.of(
                                        "displayName", displayName,
                                        "device", Map.of("flag", "whip", "name", "WHIP", "version", "RFC 9725"),
                                        "rtpCapabilities", emptyCaps()))
                                .thenCompose(joined -> produceAll(plans))
                                .thenApply(nothing -> answer(offer, plans, local))));
    }

    private static List<Optional<Plan>> plan(Sdp offer, RtpCapabilities routerCaps) {
        List<Optional<Plan>> plans = new ArrayList<>();
        for (MediaSection section : offer.media()) {
            MediaKind kind = MediaKind.fromValue(section.kind());
            boolean sending = section.direction().equals("sendonly") || section.direction().equals("sendrecv");
            if (kind == null || section.isRejected() || !section.isRtp() || !sending || section.mid().isEmpty()) {
                plans.add(Optional.empty());
                continue;
            }
            plans.add(ProducerRtpParameters.fit(RtpParametersReader.read(section), kind, routerCaps)
                    .map(parameters -> new Plan(section, kind, parameters)));
        }
        if (plans.stream().noneMatch(Optional::isPresent)) {
            throw new WhipException(400, "the offer has no sending audio or video section with a codec the room takes"
                    + " (Opus, VP8, VP9, H264) and an SSRC or RID");
        }
        return plans;
    }

    private CompletableFuture<Void> produceAll(List<Optional<Plan>> plans) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Optional<Plan> plan : plans) {
            if (plan.isEmpty()) {
                continue;
            }
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("transportId", transportId);
            request.put("kind", plan.get().kind());
            request.put("rtpParameters", plan.get().parameters());
            request.put("appData", Map.of("source", plan.get().kind() == MediaKind.AUDIO ? "mic" : "webcam", "whip", true));
            chain = chain.thenCompose(nothing -> client.request("produce", request)).thenApply(produced -> null);
        }
        return chain;
    }

    private static Sdp answer(Sdp offer, List<Optional<Plan>> plans, TransportDescription local) {
        List<MediaSection> sections = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection offered = offer.media().get(i);
            if (plans.get(i).isEmpty()) {
                sections.add(MediaSectionWriter.rejected(offered, local));
                continue;
            }
            Plan plan = plans.get(i).get();
            MediaSection answer = MediaSectionWriter.rtp(offered.kind(), offered.mid().orElseThrow(), "recvonly",
                    plan.parameters(), local);
            List<String> rids = offered.simulcast().map(Simulcast::sendRids).orElse(List.of());
            MediaSectionWriter.receiveSimulcast(answer, rids);
            sections.add(answer);
        }
        return SessionWriter.write(sections, local.iceLite());
    }
}
