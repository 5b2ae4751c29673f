package org.mscluster.client.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Offer/answer steps on a webrtc-java peer connection, waited for (callers run on their own thread, never WebRTC's). */
final class Negotiation {
    private static final long TIMEOUT_SECONDS = 15;

    private Negotiation() {
    }

    static RTCSessionDescription createOffer(RTCPeerConnection pc) {
        CompletableFuture<RTCSessionDescription> f = new CompletableFuture<>();
        pc.createOffer(new RTCOfferOptions(), observer(f));
        return await(f, "createOffer");
    }

    static RTCSessionDescription createAnswer(RTCPeerConnection pc) {
        CompletableFuture<RTCSessionDescription> f = new CompletableFuture<>();
        pc.createAnswer(new RTCAnswerOptions(), observer(f));
        return await(f, "createAnswer");
    }

    static void setLocal(RTCPeerConnection pc, RTCSessionDescription description) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        pc.setLocalDescription(description, setObserver(f));
        await(f, "setLocalDescription");
    }

    static void setRemote(RTCPeerConnection pc, RTCSdpType type, String sdp) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        pc.setRemoteDescription(new RTCSessionDescription(type, sdp), setObserver(f));
        await(f, "setRemoteDescription");
    }

    /** mediasoup DTLS parameters of the local side: its fingerprints, role client (it sets up the association). */
    static ObjectNode localDtlsParameters(String localSdp) {
        List<String> session = new ArrayList<>();
        List<SdpSection> sections = SdpSection.parse(localSdp, session);
        String fingerprint = null;
        for (String line : session) {
            if (line.startsWith("a=fingerprint:"))
                fingerprint = line.substring("a=fingerprint:".length());
        }
        if (fingerprint == null && !sections.isEmpty())
            fingerprint = sections.get(0).attribute("fingerprint");
        if (fingerprint == null)
            throw new IllegalStateException("the local description has no DTLS fingerprint");
        String[] parts = fingerprint.split(" ");
        ObjectNode dtls = LocalRtp.JSON.createObjectNode().put("role", "client");
        dtls.putArray("fingerprints").addObject().put("algorithm", parts[0]).put("value", parts[1]);
        return dtls;
    }

    private static <T> T await(CompletableFuture<T> f, String step) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(step + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(step + " did not finish in " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(step + " interrupted");
        }
    }

    private static CreateSessionDescriptionObserver observer(CompletableFuture<RTCSessionDescription> f) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                f.complete(description);
            }

            @Override
            public void onFailure(String error) {
                f.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver setObserver(CompletableFuture<Void> f) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                f.complete(null);
            }

            @Override
            public void onFailure(String error) {
                f.completeExceptionally(new IllegalStateException(error));
            }
        };
    }
}
