package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.access.AccessDecision;
import org.mscluster.signaling.access.TokenAccessGuard;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.testing.SdpOffers;
import org.mscluster.signaling.whip.IceServerLink;

/**
 * WHIP and WHEP against a standalone node: the protocol checks of RFC 9725 over plain HTTP, and the
 * issue's acceptance in one headless Chromium (whip-e2e.mjs). Requests without a token are let in
 * (the web-client page has none); requests with one go through the real token verifier.
 */
class WhipIT {

    private static final String SECRET = "whip-it-secret-whip-it-secret-0123456789";
    private static final NamespaceSecrets SECRETS = NamespaceSecrets.parse(List.of("default=" + SECRET));
    private static final String STUN = "stun:stun.example.net:3478";
    private static final String TURN = "turn:turn.example.net:3478?transport=udp&username=alice&credential=secret";
    private static final List<String> LINKS = List.of("<" + STUN + ">; rel=\"ice-server\"",
            "<turn:turn.example.net:3478?transport=udp>; rel=\"ice-server\"; username=\"alice\"; credential=\"secret\";"
                    + " credential-type=\"password\"");
    private static NodeServer node;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        TokenAccessGuard tokens = new TokenAccessGuard(SECRETS, Clock.systemUTC());
        node = TestNodes.start(1, builder -> builder.access((namespace, roomId, peerId, token) ->
                token == null ? AccessDecision.allow() : tokens.checkJoin(namespace, roomId, peerId, token))
                .iceServers(List.of(IceServerLink.parse(STUN), IceServerLink.parse(TURN))));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String offer() throws Exception {
        return SdpOffers.chrome();
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void endpointAndResourceRefuseTheMethodsRfc9725Excludes() throws Exception {
        for (String method : List.of("GET", "HEAD", "PUT")) {
            assertThat(send(method, "/whip/default/r1", null, null, null).statusCode()).as(method).isEqualTo(405);
            assertThat(send(method, "/whep/default/r1", null, null, null).statusCode()).as(method).isEqualTo(405);
        }
        HttpResponse<String> options = send("OPTIONS", "/whip/default/r1", null, null, null);
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Allow")).contains("OPTIONS, POST");
        assertThat(options.headers().allValues("Link")).as("the --ice-server flags").isEqualTo(LINKS);
        assertThat(options.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                value -> assertThat(value).contains("Location", "Link"));

        HttpResponse<String> created = send("POST", "/whip/default/r1", "application/sdp", offer(), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().allValues("Link")).isEqualTo(LINKS);
        String resource = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        for (String method : List.of("GET", "HEAD", "POST", "PUT")) {
            assertThat(send(method, resource, "application/sdp", "v=0", null).statusCode()).as(method).isEqualTo(405);
        }
        assertThat(send("PATCH", resource, "application/trickle-ice-sdpfrag",
                "a=ice-ufrag:4ZcD\r\na=ice-pwd:2/1muCWoOi3uLifh0NuRHlYp\r\na=candidate:1 1 udp 1 127.0.0.1 9 typ host\r\n", null)
                .statusCode()).isEqualTo(204);
        HttpResponse<String> restart = send("PATCH", resource, "application/trickle-ice-sdpfrag",
                "a=ice-ufrag:N3wU\r\na=ice-pwd:nEwPasswordnEwPassword00\r\n", null);
        assertThat(restart.statusCode()).isEqualTo(200);
        assertThat(restart.body()).contains("a=ice-ufrag:", "a=ice-pwd:");
        assertThat(send("DELETE", resource, null, null, null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", resource, null, null, null).statusCode()).isEqualTo(404);
        TestNodes.awaitNothingLeft(node);
    }

    @Test
    void answersAChromeOfferWithProducersInTheRoom() throws Exception {
        HttpResponse<String> created = send("POST", "/whip/default/r2?peerId=cam", "application/sdp", offer(), null);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).contains("application/sdp");
        assertThat(created.body()).contains("a=ice-lite", "a=recvonly", "a=rtpmap:111 opus/48000/2",
                "a=rtpmap:96 VP8/90000", "a=setup:passive", "a=group:BUNDLE 0 1");
        assertThat(node.rooms().peerCount()).isEqualTo(1);
        // A WHIP publisher is a peer of the room for the admin API (and the dashboard, which reads the same view).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode cluster = Json.MAPPER.readTree(send("GET", "/api/cluster", null, null, null).body());
            return cluster.toString().contains("\"r2\"") && cluster.toString().contains("\"cam\"");
        });
        assertThat(send("DELETE", URI.create(created.headers().firstValue("Location").orElseThrow()).getPath(), null, null,
                null).statusCode()).isEqualTo(200);
        TestNodes.awaitNothingLeft(node);
    }

    @Test
    void refusesWrongContentTypeBadTokensAndMalformedOffersLeavingNothing() throws Exception {
        assertThat(send("POST", "/whip/default/r3", "application/json", "{}", null).statusCode()).isEqualTo(415);
        assertThat(send("POST", "/whip/default/r3", "application/sdp", offer(), "not-a-jwt").statusCode()).isEqualTo(401);
        String otherRoom = new TokenIssuer(SECRETS, Clock.systemUTC()).issueJoin("default", "elsewhere", "cam", Duration.ofMinutes(5));
        assertThat(send("POST", "/whip/default/r3", "application/sdp", offer(), otherRoom).statusCode()).isEqualTo(403);
        String good = new TokenIssuer(SECRETS, Clock.systemUTC()).issueJoin("default", "r3", "cam", Duration.ofMinutes(5));

        assertThat(send("POST", "/whip/default/r3", "application/sdp", "hello", good).statusCode()).isEqualTo(400);
        // Well-formed lines, but no usable codec: refused after the room was entered, which must leave nothing behind.
        String av1Only = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 45\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\na=ice-ufrag:u\r\n"
                + "a=ice-pwd:pppppppppppppppppppppp\r\na=fingerprint:sha-256 AA:BB\r\na=setup:actpass\r\n"
                + "a=rtpmap:45 AV1/90000\r\na=ssrc:1 cname:c\r\n";
        HttpResponse<String> refused = send("POST", "/whip/default/r3", "application/sdp", av1Only, good);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        String noFingerprint = offer().replaceAll("a=fingerprint:[^\r]*\r\n", "");
        assertThat(send("POST", "/whip/default/r3", "application/sdp", noFingerprint, good).statusCode()).isEqualTo(400);

        HttpResponse<String> created = send("POST", "/whip/default/r3", "application/sdp", offer(), good);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String resource = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        assertThat(send("DELETE", resource, null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", resource, null, null, good).statusCode()).isEqualTo(200);
        TestNodes.awaitNothingLeft(node);
    }

    /**
     * The outside client: GStreamer 1.22's webrtcbin (Debian 12), driven by web-client/test/gst-whip.py,
     * publishes a VP8 test pattern and an Opus tone (the script says why not whipsink or
     * simple-whip-client).
     */
    @Test
    void gstreamerPublishesATestPatternThatAWebClientPlays() throws Exception {
        TestNodes.Run run = TestNodes.node(150, "whip-e2e.mjs", node.url(), "gst-" + System.nanoTime(), "gstreamer");
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        JsonNode result = Json.MAPPER.readTree(run.lastLine());
        assertThat(result.get("webClientFromGstreamer").get("framesDecoded").asInt()).isPositive();
        assertThat(result.get("webClientFromGstreamer").get("audioPackets").asInt()).isPositive();
        assertThat(result.get("gstreamerDelete").asInt()).isEqualTo(200);
        assertThat(result.get("gstreamerPeerLeft").asBoolean()).isTrue();
        System.out.println("[WhipIT] " + result);
        TestNodes.awaitNothingLeft(node);
    }

    @Test
    void chromiumPublishesWithWhipToAWebClientAndPlaysAPeerAndTheActiveSpeakerWithWhep() throws Exception {
        TestNodes.Run run = TestNodes.node(240, "whip-e2e.mjs", node.url());
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        JsonNode result = Json.MAPPER.readTree(run.lastLine());
        assertThat(result.get("webClientFromWhip").get("framesDecoded").asInt()).isPositive();
        assertThat(result.get("whepAnswerSends").asInt()).isEqualTo(2);
        assertThat(result.get("whepPlayed").get("video").get("framesDecoded").asInt()).isPositive();
        // WHEP without ?peer=: the active speaker, the web client's 16:9 camera, then the WHIP page's 4:3 one.
        assertThat(result.get("speakerAnswerSsrcLines").asInt()).isZero();
        assertThat(result.get("speakerFirst").get("framesDecoded").asInt()).isPositive();
        assertThat(result.get("speakerSwitched").get("width").asInt()).isEqualTo(320);
        assertThat(result.get("speakerAfter").get("framesDecoded").asInt())
                .isGreaterThanOrEqualTo(result.get("speakerSwitched").get("framesDecoded").asInt() + 30);
        assertThat(result.get("speakerAudioAfter").get("now").size()).isPositive();
        assertThat(result.get("speakerBack").get("height").asInt() * 16).isEqualTo(result.get("speakerBack").get("width").asInt() * 9);
        assertThat(result.get("speakerDelete").asInt()).isEqualTo(200);
        assertThat(result.get("whipDelete").asInt()).isEqualTo(200);
        assertThat(result.get("whepDelete").asInt()).isEqualTo(200);
        System.out.println("[WhipIT] " + result);
        TestNodes.awaitNothingLeft(node);
    }
}
