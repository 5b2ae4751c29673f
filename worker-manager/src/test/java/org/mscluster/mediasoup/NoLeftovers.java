package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The check every transport test ends with: what the Java side holds is what the worker holds, and
 * closing the routers and WebRtcServers leaves nothing behind on either side.
 */
final class NoLeftovers {

    private NoLeftovers() {
    }

    /** Closes what is left open on {@code worker} and asserts that the worker then holds nothing; skips closed workers. */
    static void assertClean(Worker worker) throws Exception {
        if (worker == null || worker.closed()) {
            return;
        }
        List<Transport> transports = new ArrayList<>();
        for (Router router : List.copyOf(worker.routersForTesting())) {
            // Retried for a moment: a close the channel thread sent last (e.g. on a failed
            // pipeToRouter) can still be on its way, since the in-process host holds requests sent
            // from its delivery thread until the batch it is dispatching ends, and this dump, sent
            // from the test thread, can overtake them.
            Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(router.dump().get(5, TimeUnit.SECONDS).transportIds())
                            .as("transports of %s on the worker vs. in Java", router)
                            .containsExactlyInAnyOrderElementsOf(router.transportsForTesting().keySet()));
            transports.addAll(router.transportsForTesting().values());
            router.close();
            assertThat(router.transportsForTesting()).as("transports left in a closed router").isEmpty();
        }
        assertThat(transports).allMatch(Transport::closed, "closed with their router");
        for (WebRtcServer webRtcServer : List.copyOf(worker.webRtcServersForTesting())) {
            webRtcServer.close();
        }
        assertThat(worker.routersForTesting()).isEmpty();
        assertThat(worker.webRtcServersForTesting()).isEmpty();
        WorkerDump dump = worker.dump().get(5, TimeUnit.SECONDS);
        assertThat(dump.routerIds()).as("routers left in the worker").isEmpty();
        assertThat(dump.webRtcServerIds()).as("WebRtcServers left in the worker").isEmpty();
        assertThat(dump.channelMessageHandlers().channelRequestHandlers()).as("request handlers left in the worker").isEmpty();
        assertThat(dump.channelMessageHandlers().channelNotificationHandlers()).as("notification handlers left in the worker").isEmpty();
    }
}
