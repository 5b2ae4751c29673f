package org.mscluster.signaling.whip;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpHeaderExtension;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionUri;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.sdp.MediaSection;
import org.mscluster.sdp.MediaSectionWriter;
import org.mscluster.sdp.RtpCapabilitiesReader;
import org.mscluster.sdp.Sdp;
import org.mscluster.sdp.SessionWriter;
import org.mscluster.sdp.TransportDescription;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.ProtooError;

/**
 * A WHEP viewer: joins the room with the capabilities of its offer and takes, for each receiving
 * section of the offer, the first consumer of that kind the room offers from the chosen peer. The
 * answer is written once every section has one, or {@link #SETTLE_MILLIS} after the join (the room
 * offers existing producers right after a join): sections left without a consumer are refused, and
 * consumers offered later are declined, since WHEP has no server-side renegotiation.
 *
 * <p>The MID header extension is left out of the capabilities: mediasoup numbers a transport's
 * consumers' MIDs itself, which need not match the offer's; the answer's SSRCs route instead.
 */
final class WhepPlayer extends Session {

    static final long SETTLE_MILLIS = 1500;

    private final String targetPeerId;
    private final ScheduledExecutorService scheduler;
    /** The offer's sections, null where nothing can be sent (not receiving, not audio/video, rejected). */
    private final List<MediaSection> wanted = new ArrayList<>();
    private final List<MediaSection> offered;
    private final RtpParameters[] assigned;
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private boolean answered;

    /** @param targetPeerId the peer whose tracks are sent ({@code ?peer=}) */
    WhepPlayer(RoomKey room, String peerId, String token, String targetPeerId, InVmProtooClient client, Sdp offer,
            ScheduledExecutorService scheduler) {
        super(room, peerId, token, client);
        this.targetPeerId = targetPeerId;
        this.scheduler = scheduler;
        this.offered = List.copyOf(offer.media());
        for (MediaSection section : offer.media()) {
            boolean receiving = section.direction().equals("recvonly") || section.direction().equals("sendrecv");
            boolean usable = !section.isRejected() && section.isRtp() && receiving && section.mid().isPresent()
                    && ("audio".equals(section.kind()) || "video".equals(section.kind()));
            wanted.add(usable ? section : null);
        }
        assigned = new RtpParameters[wanted.size()];
        client.onRequest(this::onRoomRequest);
    }

    @Override
    String kind() {
        return "WHEP";
    }

    @Override
    CompletableFuture<Sdp> start(Sdp offer) {
        if (wanted.stream().allMatch(section -> section == null)) {
            throw new WhipException(400, "the offer has no receiving audio or video section");
        }
        RtpCapabilities caps = withoutMid(RtpCapabilitiesReader.read(wanted.stream().filter(s -> s != null).toList()));
        return createTransport(offer, false)
                .thenCompose(local -> client.request("join", Map.of(
                                "displayName", "WHEP viewer",
                                "device", Map.of("flag", "whep", "name", "WHEP", "version", "draft"),
                                "rtpCapabilities", caps))
                        .thenCompose(joined -> {
                            scheduler.schedule(() -> settled.complete(null), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                            return settled;
                        })
                        .thenApply(nothing -> answer(local)));
    }

    private static RtpCapabilities withoutMid(RtpCapabilities caps) {
        List<RtpHeaderExtension> extensions = caps.headerExtensions().stream()
                .filter(ext -> !ext.uri().equals(RtpHeaderExtensionUri.MID.value()))
                .toList();
        return new RtpCapabilities(caps.codecs(), extensions);
    }

    private synchronized CompletableFuture<Object> onRoomRequest(String method, JsonNode data) {
        if (!"newConsumer".equals(method)) {
            return CompletableFuture.failedFuture(new ProtooError(ProtooError.FORBIDDEN, "not taken over WHEP"));
        }
        String kind = data.path("kind").asText();
        if (answered || (targetPeerId != null && !targetPeerId.equals(data.path("peerId").asText()))) {
            return CompletableFuture.failedFuture(new ProtooError(ProtooError.FORBIDDEN, "not watched by this WHEP viewer"));
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (wanted.get(i) != null && assigned[i] == null && kind.equals(wanted.get(i).kind())) {
                assigned[i] = Json.MAPPER.convertValue(data.get("rtpParameters"), RtpParameters.class);
                if (allAssigned()) {
                    settled.complete(null);
                }
                return CompletableFuture.completedFuture(Map.of());
            }
        }
        return CompletableFuture.failedFuture(new ProtooError(ProtooError.FORBIDDEN, "no free " + kind + " section"));
    }

    private boolean allAssigned() {
        for (int i = 0; i < wanted.size(); i++) {
            if (wanted.get(i) != null && assigned[i] == null) {
                return false;
            }
        }
        return true;
    }

    private synchronized Sdp answer(TransportDescription local) {
        answered = true;
        List<MediaSection> sections = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            MediaSection section = offered.get(i);
            if (wanted.get(i) == null || assigned[i] == null) {
                sections.add(MediaSectionWriter.rejected(section));
                continue;
            }
            String stream = targetPeerId == null ? "room" : targetPeerId;
            RtpParameters params = assigned[i].toBuilder().msid(stream + " " + section.kind() + "-" + i).build();
            sections.add(MediaSectionWriter.rtp(section.kind(), section.mid().orElseThrow(), "sendonly", params, local));
        }
        return SessionWriter.write(sections, local.iceLite());
    }
}
