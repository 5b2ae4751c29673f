package org.mscluster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mscluster.client.media.MediaEngine;
import org.mscluster.client.media.TestPattern;

/**
 * webrtc-java on this machine, headless: the engine and the test pattern, and two peer connections in one
 * JVM (one per factory of the engine) that exchange the pattern's video and tone (no server: the media
 * layer alone); the receiver's audio sink hears the tone.
 */
class WebRtcLoopbackTest {

    @Test
    void twoPeerConnectionsExchangeTheTestPattern() throws Exception {
        AtomicInteger frames = new AtomicInteger();
        AtomicInteger loudAudio = new AtomicInteger();
        int[] size = new int[2];
        try (MediaEngine engine = new MediaEngine(); TestPattern pattern = new TestPattern(320, 240, 15)) {
            RTCPeerConnection[] pcs = new RTCPeerConnection[2];
            pcs[0] = engine.sendFactory().createPeerConnection(new RTCConfiguration(), (PeerConnectionObserver) c -> pcs[1].addIceCandidate(c));
            pcs[1] = engine.receiveFactory().createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
                @Override
                public void onIceCandidate(RTCIceCandidate c) {
                    pcs[0].addIceCandidate(c);
                }

                @Override
                public void onTrack(RTCRtpTransceiver t) {
                    if (t.getReceiver().getTrack() instanceof VideoTrack v) {
                        v.addSink(f -> {
                            frames.incrementAndGet();
                            size[0] = f.buffer.getWidth();
                            size[1] = f.buffer.getHeight();
                        });
                    } else if (t.getReceiver().getTrack() instanceof AudioTrack a) {
                        a.addSink((pcm, bits, rate, channels, n) -> {
                            if (peak(pcm) > 1000)
                                loudAudio.incrementAndGet();
                        });
                    }
                }
            });
            pcs[0].addTrack(engine.sendFactory().createVideoTrack("v", pattern.video().nativeSource()), List.of("s"));
            pcs[0].addTrack(engine.sendFactory().createAudioTrack("a", pattern.audio().nativeSource()), List.of("s"));
            RTCSessionDescription offer = describe(o -> pcs[0].createOffer(new RTCOfferOptions(), o));
            set(pcs[0], offer, true);
            set(pcs[1], offer, false);
            RTCSessionDescription answer = describe(o -> pcs[1].createAnswer(new RTCAnswerOptions(), o));
            set(pcs[1], answer, true);
            set(pcs[0], answer, false);
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> frames.get() > 10 && loudAudio.get() > 10);
                assertThat(size).containsExactly(320, 240);
            } finally {
                pcs[0].close();
                pcs[1].close();
            }
        }
    }

    private static int peak(byte[] pcm) {
        int peak = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2)
            peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        return peak;
    }

    private static RTCSessionDescription describe(Consumer<CreateSessionDescriptionObserver> call) {
        CompletableFuture<RTCSessionDescription> f = new CompletableFuture<>();
        call.accept(new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription d) {
                f.complete(d);
            }

            @Override
            public void onFailure(String e) {
                f.completeExceptionally(new IllegalStateException(e));
            }
        });
        return f.join();
    }

    private static void set(RTCPeerConnection pc, RTCSessionDescription d, boolean local) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        SetSessionDescriptionObserver o = new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                f.complete(null);
            }

            @Override
            public void onFailure(String e) {
                f.completeExceptionally(new IllegalStateException(e));
            }
        };
        if (local)
            pc.setLocalDescription(d, o);
        else
            pc.setRemoteDescription(d, o);
        f.join();
    }
}
