package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerDump;

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
            assertThat(router.dump().get(5, TimeUnit.SECONDS).transportIds())
                    .as("transports of %s on the worker vs. in Java", router)
                    .containsExactlyInAnyOrderElementsOf(router.transportsForTesting().keySet());
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
