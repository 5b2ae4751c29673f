package org.mscluster.signaling.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.transport.PipeTransportOptions;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;

/** A worker of the node that dies is replaced in its slot, with its WebRtcServer on the same port. */
class WorkerFleetIT {

    @Test
    void aKilledWorkerIsReplacedWithItsWebRtcServerOnTheSamePort() throws Exception {
        int base = 46000 + (int) (ProcessHandle.current().pid() % 1000) * 2;
        WorkerFleet fleet = WorkerFleet.start(new WorkerFleet.Settings(2, WorkerMode.PROCESS, WorkerLogLevel.WARN, "127.0.0.1", null, base));
        try {
            MediaWorker before = fleet.get(1);
            MediaWorker untouched = fleet.get(0);
            assertThat(fleet.healthy()).isTrue();

            Process kill = new ProcessBuilder("kill", "-9", Long.toString(before.worker().pid())).start();
            assertThat(kill.waitFor()).isZero();

            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.get(1).worker().pid() != before.worker().pid());
            MediaWorker after = fleet.get(1);
            assertThat(before.worker().died()).isTrue();
            assertThat(after.worker().closed()).isFalse();
            assertThat(after.rtcPort()).isEqualTo(before.rtcPort());
            assertThat(after.webRtcServer().closed()).isFalse();
            assertThat(after.worker().dump().get(5, TimeUnit.SECONDS).webRtcServerIds()).containsExactly(after.webRtcServer().id());
            assertThat(fleet.get(0)).isSameAs(untouched);
            assertThat(fleet.healthy()).isTrue();
        } finally {
            fleet.close();
        }
    }

    @Test
    void pipeTransportsListenOnTheNodesAddressWithinItsRtcPorts() throws Exception {
        int base = 47000 + (int) (ProcessHandle.current().pid() % 1000) * 2;
        int min = 49100 + (int) (ProcessHandle.current().pid() % 400) * 2;
        WorkerFleet fleet = WorkerFleet.start(new WorkerFleet.Settings(1, WorkerMode.IN_PROCESS, WorkerLogLevel.WARN, "127.0.0.1",
                null, base, List.of(), min, min + 9));
        try {
            MediaWorker worker = fleet.get(0);
            var router = worker.worker().createRouter(RouterOptions.empty())
                    .get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                var pipe = router.createPipeTransport(PipeTransportOptions.builder()
                        .listenInfo(worker.pipeListenInfo()).build()).get(5, TimeUnit.SECONDS);
                assertThat(pipe.tuple().localAddress()).isEqualTo("127.0.0.1");
                assertThat(pipe.tuple().localPort()).isBetween(min, min + 9);
            }
            router.close();
        } finally {
            fleet.close();
        }
    }
}
