package org.mscluster.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsTasksOneAtATimeInSubmissionOrder() throws Exception {
        SerialExecutor room = new SerialExecutor(pool, "test");
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1000);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            room.execute(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                assertThat(room.inExecutor()).isTrue();
                order.add(n);
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(maxRunning).hasValue(1);
        assertThat(order).isSorted().hasSize(1000);
        assertThat(room.inExecutor()).isFalse();
    }

    @Test
    void aFailingTaskDoesNotStopTheNext() throws Exception {
        SerialExecutor room = new SerialExecutor(pool, "test");
        CountDownLatch after = new CountDownLatch(1);
        room.execute(() -> {
            throw new IllegalStateException("expected in this test");
        });
        room.execute(after::countDown);
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
