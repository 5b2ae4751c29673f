package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.net.WebSocketLimits;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * Fuzzes every request handler of a real node and worker with {@link RequestFuzzer}: a few peers in
 * one room send generated and mutated requests in random order (produce before join, foreign and
 * made-up ids, fields of every wrong type, huge numbers, empty and very long strings, unknown
 * methods, duplicated request ids, now and then a frame that must close the socket), and answer,
 * reject or ignore the node's newConsumer requests. Every request must get a response (ok, or an
 * error with a status, never a 500 that shows an internal exception), the node must close a socket
 * only for the documented reasons, and afterwards the worker must hold nothing of the fuzzed room
 * while a normal pair of peers still joins, produces and consumes.
 *
 * <p>In the suite it runs {@value #DEFAULT_CASES} cases (a few seconds). As a benchmark, raise the
 * case count and, to replay a run, fix the seed (both are printed at the end of every run):
 * <pre>
 * mvn -B -o -pl signaling-server -am verify -Dskip.web=true -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ProtooFuzzIT -Dmscluster.fuzz.cases=20000 [-Dmscluster.fuzz.seed=42]
 * </pre>
 * or run {@link #main} from the test classpath (same properties).
 */
class ProtooFuzzIT {

    static final int DEFAULT_CASES = 300;
    private static NodeServer node;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        node = startNode();
        port = node.address().getPort();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    /**
     * A node whose request rate does not hide the handlers behind 429s, and whose newConsumer
     * requests time out after 2 s, so offers the fuzzed peers ignore do not outlive the run.
     */
    private static NodeServer startNode() throws Exception {
        return TestNodes.start(1, new WebSocketLimits(WebSocketLimits.ONE_MEGABYTE, Duration.ofSeconds(15),
                Duration.ofSeconds(45), Duration.ofSeconds(2)).withRequestRate(100_000, 100_000));
    }

    @Test
    void everyFuzzedRequestIsAnsweredAndNothingOfTheFuzzedPeersOutlivesThem() throws Exception {
        RequestFuzzer.Report report = new RequestFuzzer(port, "fuzz-room", 4, Long.getLong("mscluster.fuzz.seed",
                System.nanoTime())).run(Integer.getInteger("mscluster.fuzz.cases", DEFAULT_CASES));
        System.out.println(report);

        assertThat(report.unanswered()).as("requests without a response; %s", report.replay()).isEmpty();
        assertThat(report.unexpectedCloses()).as("sockets the node closed; %s", report.replay()).isEmpty();
        assertThat(report.badResponses()).as("responses not shaped as PROTOCOL.md says; %s", report.replay()).isEmpty();
        assertThat(report.internalErrors()).as("500s showing an internal exception; %s", report.replay()).isEmpty();
        assertThat(report.answered()).as("answered requests").isPositive();

        // The fuzzed peers are gone: so are their room, router and transports in the worker.
        TestNodes.awaitNothingLeft(node);
        assertServesNormalPeers(port);
        TestNodes.awaitNothingLeft(node);
    }

    /** What earlier fuzzing runs found, fixed and kept: each answered as a client error, the socket open. */
    @Test
    void inputsTheFuzzerFoundAreClientErrors() throws Exception {
        try (ProtooClient client = ProtooClient.connect(port, "fuzz-regressions", "p1")) {
            String transport = client.request("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                    .get("data").get("id").asText();
            JsonNode md5 = client.request("connectWebRtcTransport", Map.of("transportId", transport, "dtlsParameters",
                    Map.of("role", "client", "fingerprints", List.of(Map.of("algorithm", "md5", "value", "AB:CD")))));
            assertThat(md5.get("errorCode").asInt()).as(md5.toString()).isEqualTo(400);
            assertThat(md5.get("errorReason").asText()).contains("FingerprintAlgorithm");
            JsonNode caps = client.request("join", Map.of("displayName", "p1", "rtpCapabilities",
                    Map.of("codecs", List.of(Map.of("mimeType", "audio/opus", "kind", "audio", "clockRate", 48000,
                            "rtcpFeedback", List.of(Map.of("parameter", "pli")))))));
            assertThat(caps.get("errorCode").asInt()).as(caps.toString()).isEqualTo(400);
            assertThat(caps.get("errorReason").asText()).startsWith("invalid rtpCapabilities");
            assertThat(client.isOpen()).isTrue();
        }
        TestNodes.awaitNothingLeft(node);
    }

    /** Alice produces Opus, Bob joins to consume it: offered, answered, and its stats read. */
    static void assertServesNormalPeers(int port) throws Exception {
        try (ProtooClient alice = ProtooClient.connect(port, "after-fuzz", "alice");
                ProtooClient bob = ProtooClient.connect(port, "after-fuzz", "bob")) {
            JsonNode caps = alice.request("getRouterRtpCapabilities", null).get("data");
            String send = alice.request("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                    .get("data").get("id").asText();
            assertThat(alice.request("join", Map.of("displayName", "Alice", "device", Map.of(), "rtpCapabilities", caps))
                    .get("ok").asBoolean()).isTrue();
            JsonNode produced = alice.request("produce", Map.of("transportId", send, "kind", "audio",
                    "rtpParameters", RequestFuzzer.opus(22222222, "0"), "appData", Map.of()));
            assertThat(produced.get("ok").asBoolean()).as(produced.toString()).isTrue();

            assertThat(bob.request("createWebRtcTransport", Map.of("producing", false, "consuming", true)).get("ok").asBoolean())
                    .isTrue();
            assertThat(bob.request("join", Map.of("displayName", "Bob", "device", Map.of(), "rtpCapabilities", caps))
                    .get("data").get("peers").get(0).get("id").asText()).isEqualTo("alice");
            JsonNode offer = bob.serverRequest("newConsumer");
            assertThat(offer.get("data").get("producerId").asText()).isEqualTo(produced.get("data").get("id").asText());
            bob.answer(offer);
            JsonNode stats = bob.request("getConsumerStats", Map.of("consumerId", offer.get("data").get("id").asText()));
            assertThat(stats.get("ok").asBoolean()).as(stats.toString()).isTrue();
        }
    }

    /** The benchmark: {@code -Dmscluster.fuzz.cases} (default 20,000) against a node of its own. */
    public static void main(String[] args) throws Exception {
        NodeServer own = startNode();
        try {
            int cases = Integer.getInteger("mscluster.fuzz.cases", 20_000);
            RequestFuzzer.Report report = new RequestFuzzer(own.address().getPort(), "fuzz-bench", 4,
                    Long.getLong("mscluster.fuzz.seed", System.nanoTime())).run(cases);
            System.out.println(report);
            TestNodes.awaitNothingLeft(own);
            assertServesNormalPeers(own.address().getPort());
            TestNodes.awaitNothingLeft(own);
            System.out.println("after the run: nothing left in the worker, normal peers served");
        } finally {
            own.close();
        }
        System.exit(0);
    }
}
