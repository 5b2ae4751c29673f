package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.worker.Worker;

/**
 * Requests reach the worker in the order they were sent, whichever thread sends them: a request sent
 * from a callback on the channel's thread must not be overtaken by one that a waiting thread sends
 * after that callback ran (the in-process host gathers the first kind into batches).
 */
class RequestOrderIT {

    private Worker worker;
    private Router router;

    @BeforeEach
    void setUp() throws Exception {
        worker = TestWorkers.start();
        router = worker.createRouter(RouterOptions.empty()).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        TestWorkers.close(worker);
    }

    @Test
    void aCloseSentFromACallbackIsSeenByTheNextRequestOfTheWaitingThread() throws Exception {
        for (int i = 0; i < 300; i++) {
            DirectTransport transport = router.createDirectTransport().get(5, TimeUnit.SECONDS);
            transport.getStats().thenApply(stats -> {
                transport.close();
                return stats;
            }).get(5, TimeUnit.SECONDS);
            assertThat(router.dump().get(5, TimeUnit.SECONDS).transportIds()).as("round %d", i).doesNotContain(transport.id());
        }
    }
}
