package org.mscluster.mediasoup.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastLoadedTest {

    private static WorkerLoad load(int routers, int transports, int producers, int consumers) {
        return new WorkerLoad(routers, transports, producers, consumers);
    }

    @Test
    void picksTheLowestLoad() {
        List<WorkerLoad> loads = List.of(load(1, 4, 1, 10), load(1, 2, 1, 3), load(2, 2, 0, 8));

        assertThat(LeastLoaded.select(loads, WorkerLoad.DEFAULT_FUNCTION)).isEqualTo(1);
    }

    @Test
    void picksTheFirstOfEquals() {
        List<WorkerLoad> loads = List.of(load(1, 0, 0, 0), load(0, 0, 0, 0), load(0, 0, 0, 0));

        assertThat(LeastLoaded.select(loads, WorkerLoad.DEFAULT_FUNCTION)).isEqualTo(1);
    }

    @Test
    void skipsSlotsWithoutAWorker() {
        List<WorkerLoad> loads = Arrays.asList(null, load(3, 0, 0, 0), null);

        assertThat(LeastLoaded.select(loads, WorkerLoad.DEFAULT_FUNCTION)).isEqualTo(1);
        assertThat(LeastLoaded.select(Arrays.asList(null, null), WorkerLoad.DEFAULT_FUNCTION)).isEqualTo(-1);
        assertThat(LeastLoaded.select(List.of(), WorkerLoad.DEFAULT_FUNCTION)).isEqualTo(-1);
    }

    @Test
    void usesTheGivenLoadFunction() {
        List<WorkerLoad> loads = List.of(load(5, 5, 0, 0), load(0, 0, 9, 1));

        assertThat(LeastLoaded.select(loads, WorkerLoad.DEFAULT_FUNCTION)).isEqualTo(1);
        assertThat(LeastLoaded.select(loads, load -> load.producers())).isEqualTo(0);
    }

    @Test
    void theDefaultLoadCountsRoutersTransportsAndConsumers() {
        assertThat(WorkerLoad.DEFAULT_FUNCTION.applyAsDouble(load(1, 2, 7, 3))).isEqualTo(6.0);
    }
}
