package org.mscluster.cluster.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link NodeMesh} does, whatever carries the messages. */
public abstract class NodeMeshContract {

    private static final Duration SHORT = Duration.ofSeconds(5);

    protected abstract NodeMesh mesh();

    /** Requests of the mesh still waiting for an answer. */
    protected abstract int pendingRequests();

    /** Waits until the subscription listens (a remote channel subscribes asynchronously). */
    protected static NodeMesh.Subscription listening(NodeMesh.Subscription subscription) {
        await().atMost(SHORT).until(subscription::active);
        return subscription;
    }

    /** A handler that records messages and answers requests with {@code answers}. */
    protected static final class Recorder implements MeshHandler {
        public final List<String> messages = new CopyOnWriteArrayList<>();
        private final BiFunction<String, String, CompletionStage<String>> answers;

        public Recorder(BiFunction<String, String, CompletionStage<String>> answers) {
            this.answers = answers;
        }

        public Recorder() {
            this((from, body) -> CompletableFuture.completedFuture(from + " asked " + body));
        }

        @Override
        public void onMessage(String from, String body) {
            messages.add(from + ":" + body);
        }

        @Override
        public CompletionStage<String> onRequest(String from, String body) {
            return answers.apply(from, body);
        }
    }

    /** The {@link MeshException} {@code answer} fails with (within seconds). */
    protected static MeshException meshFailure(CompletableFuture<String> answer) {
        try {
            answer.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MeshException.class);
            return (MeshException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no failure in time", e);
        }
        throw new AssertionError("answered: " + answer.join());
    }

    @Test
    void messagesFromOneSenderArriveInTheOrderSent() {
        Recorder b = new Recorder();
        try (NodeMesh.Subscription sb = listening(mesh().listen("b", b))) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                mesh().send("a", "b", Integer.toString(i));
                sent.add("a:" + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> b.messages.size() == 1000);
            assertThat(b.messages).isEqualTo(sent);
        }
    }

    @Test
    void eachSendersOrderHoldsWhenSeveralSendAtOnce() throws Exception {
        Recorder b = new Recorder();
        try (NodeMesh.Subscription sb = listening(mesh().listen("b", b))) {
            List<CompletableFuture<Void>> senders = IntStream.range(0, 4).mapToObj(s -> CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 200; i++) {
                    mesh().send("s" + s, "b", Integer.toString(i));
                }
            })).toList();
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> b.messages.size() == 800);
            for (int s = 0; s < 4; s++) {
                String prefix = "s" + s + ":";
                assertThat(b.messages.stream().filter(m -> m.startsWith(prefix)).map(m -> m.substring(prefix.length()))
                        .map(Integer::parseInt).toList()).isEqualTo(IntStream.range(0, 200).boxed().toList());
            }
        }
    }

    @Test
    void theHandlerIsCalledOneAtATime() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        MeshHandler slow = new MeshHandler() {
            @Override
            public void onMessage(String from, String body) {
                enter();
            }

            @Override
            public CompletionStage<String> onRequest(String from, String body) {
                enter();
                return CompletableFuture.completedFuture("ok");
            }

            private void enter() {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                calls.incrementAndGet();
            }
        };
        try (NodeMesh.Subscription sb = listening(mesh().listen("b", slow));
                NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()))) {
            List<CompletableFuture<String>> answers = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Void>> senders = IntStream.range(0, 3).mapToObj(s -> CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 30; i++) {
                    mesh().send("s" + s, "b", "m");
                    answers.add(mesh().request("a", "b", "q", SHORT));
                }
            })).toList();
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            await().atMost(SHORT).until(() -> calls.get() == 180);
            assertThat(most.get()).isEqualTo(1);
        }
    }

    @Test
    void aRequestGetsItsAnswer() throws Exception {
        try (NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()));
                NodeMesh.Subscription sb = listening(mesh().listen("b", new Recorder()))) {
            assertThat(mesh().request("a", "b", "{\"q\":1}", SHORT).get(5, TimeUnit.SECONDS)).isEqualTo("a asked {\"q\":1}");
            assertThat(mesh().request("b", "a", "x", SHORT).get(5, TimeUnit.SECONDS)).isEqualTo("b asked x");
            assertThat(pendingRequests()).isZero();
        }
    }

    @Test
    void anyTextGoesThroughUnchanged() throws Exception {
        String awkward = "{\"nested\":\"json\\\"quote\"}\n\ttabs, \u00e9t\u00e9, \u4e2d\u6587, emoji \ud83c\udfa5, \\ backslash, \u0000 nul";
        Recorder b = new Recorder((from, body) -> CompletableFuture.completedFuture(body));
        try (NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()));
                NodeMesh.Subscription sb = listening(mesh().listen("b", b))) {
            mesh().send("a", "b", awkward);
            mesh().send("a", "b", "");
            assertThat(mesh().request("a", "b", awkward, SHORT).get(5, TimeUnit.SECONDS)).isEqualTo(awkward);
            assertThat(b.messages).containsExactly("a:" + awkward, "a:");
        }
    }

    @Test
    void aRequestComesAfterTheMessagesSentBeforeIt() throws Exception {
        Recorder b = new Recorder();
        Recorder counting = new Recorder((from, body) -> CompletableFuture.completedFuture(Integer.toString(b.messages.size())));
        try (NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()));
                NodeMesh.Subscription sb = listening(mesh().listen("b", new MeshHandler() {
                    @Override
                    public void onMessage(String from, String body) {
                        b.onMessage(from, body);
                    }

                    @Override
                    public CompletionStage<String> onRequest(String from, String body) {
                        return counting.onRequest(from, body);
                    }
                }))) {
            for (int i = 0; i < 50; i++) {
                mesh().send("a", "b", Integer.toString(i));
            }
            assertThat(mesh().request("a", "b", "how many?", SHORT).get(5, TimeUnit.SECONDS)).isEqualTo("50");
        }
    }

    @Test
    void aFailingHandlerFailsTheRequestWithItsMessage() {
        Recorder failing = new Recorder((from, body) -> body.equals("throw")
                ? throwing(new IllegalArgumentException("no such router"))
                : CompletableFuture.failedFuture(new IllegalStateException("worker gone")));
        try (NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()));
                NodeMesh.Subscription sb = listening(mesh().listen("b", failing))) {
            assertThat(meshFailure(mesh().request("a", "b", "fail", SHORT))).hasMessageContaining("worker gone");
            assertThat(meshFailure(mesh().request("a", "b", "throw", SHORT))).hasMessageContaining("no such router");
            // and the node goes on
            mesh().send("a", "b", "still there");
            await().atMost(SHORT).until(() -> failing.messages.contains("a:still there"));
            assertThat(pendingRequests()).isZero();
        }
    }

    private static CompletionStage<String> throwing(RuntimeException e) {
        throw e;
    }

    @Test
    void aRequestToANodeThatDoesNotListenFailsAtOnce() {
        try (NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()))) {
            long start = System.nanoTime();
            assertThat(meshFailure(mesh().request("a", "nobody", "hello", Duration.ofSeconds(30))))
                    .hasMessageContaining("nobody").hasMessageContaining("does not listen");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            await().atMost(SHORT).until(() -> pendingRequests() == 0);
        }
    }

    @Test
    void aNodeThatDoesNotListenCannotAsk() {
        try (NodeMesh.Subscription sb = listening(mesh().listen("b", new Recorder()))) {
            assertThat(meshFailure(mesh().request("deaf", "b", "hello", Duration.ofSeconds(30))))
                    .hasMessageContaining("deaf").hasMessageContaining("does not listen");
            assertThat(pendingRequests()).isZero();
        }
    }

    @Test
    void noAnswerInTimeFailsTheRequestAndLeavesNothingBehind() {
        try (NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()));
                NodeMesh.Subscription sb = listening(mesh().listen("b", new Recorder((from, body) -> new CompletableFuture<>())))) {
            long start = System.nanoTime();
            List<CompletableFuture<String>> answers = IntStream.range(0, 20)
                    .mapToObj(i -> mesh().request("a", "b", "late " + i, Duration.ofMillis(300))).toList();
            for (CompletableFuture<String> answer : answers) {
                assertThat(meshFailure(answer)).hasMessageContaining("b").hasMessageContaining("did not answer");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
            await().atMost(SHORT).until(() -> pendingRequests() == 0);
        }
    }

    @Test
    void aClosedSubscriptionGetsNothing() throws Exception {
        Recorder b = new Recorder();
        try (NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()))) {
            NodeMesh.Subscription sb = listening(mesh().listen("b", b));
            mesh().send("a", "b", "before");
            assertThat(mesh().request("a", "b", "q", SHORT).get(5, TimeUnit.SECONDS)).isEqualTo("a asked q");
            sb.close();
            assertThat(sb.active()).isFalse();
            await().atMost(SHORT).until(() -> mesh().request("a", "b", "q", Duration.ofMillis(500))
                    .handle((answer, error) -> error instanceof MeshException && error.getMessage().contains("does not listen"))
                    .get());
            mesh().send("a", "b", "after");
            Thread.sleep(300);
            assertThat(b.messages).containsExactly("a:before");
        }
    }

    @Test
    void closingFailsTheNodesRequestsStillWaiting() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        try (NodeMesh.Subscription sb = listening(mesh().listen("b", new Recorder((from, body) -> {
            asked.countDown();
            return new CompletableFuture<>();
        })))) {
            NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()));
            CompletableFuture<String> answer = mesh().request("a", "b", "q", Duration.ofSeconds(30));
            assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            sa.close();
            assertThat(meshFailure(answer)).hasMessageContaining("a").hasMessageContaining("stopped listening");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(pendingRequests()).isZero();
        }
    }

    @Test
    void twoNodesAskingEachOtherAtOnceDoNotDeadlock() throws Exception {
        // Each node answers "outer" by asking the other node first: while node a awaits b's answer,
        // a's handler must still answer b's requests; handlers answer asynchronously.
        BiFunction<String, String, MeshHandler> node = (self, other) -> new Recorder((from, body) -> body.startsWith("outer")
                ? mesh().request(self, other, "inner " + body, SHORT).thenApply(inner -> self + "[" + inner + "]")
                : CompletableFuture.completedFuture(self + " answers " + body));
        try (NodeMesh.Subscription sa = listening(mesh().listen("a", node.apply("a", "b")));
                NodeMesh.Subscription sb = listening(mesh().listen("b", node.apply("b", "a")))) {
            List<CompletableFuture<String>> fromA = new ArrayList<>();
            List<CompletableFuture<String>> fromB = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                fromA.add(mesh().request("a", "b", "outer " + i, SHORT));
                fromB.add(mesh().request("b", "a", "outer " + i, SHORT));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(fromA.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("b[a answers inner outer " + i + "]");
                assertThat(fromB.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("a[b answers inner outer " + i + "]");
            }
            assertThat(pendingRequests()).isZero();
        }
    }

    @Test
    void aMessageToANodeThatDoesNotListenIsDroppedQuietly() throws Exception {
        Recorder b = new Recorder();
        try (NodeMesh.Subscription sb = listening(mesh().listen("b", b))) {
            mesh().send("a", "nobody", "lost");
            mesh().send("a", "b", "kept");
            await().atMost(SHORT).until(() -> b.messages.size() == 1);
            assertThat(b.messages).containsExactly("a:kept");
        }
    }

    @Test
    void aSecondListenReplacesTheFirst() throws Exception {
        Recorder first = new Recorder((from, body) -> CompletableFuture.completedFuture("first"));
        Recorder second = new Recorder((from, body) -> CompletableFuture.completedFuture("second"));
        try (NodeMesh.Subscription sa = listening(mesh().listen("a", new Recorder()))) {
            NodeMesh.Subscription one = listening(mesh().listen("b", first));
            try (NodeMesh.Subscription two = listening(mesh().listen("b", second))) {
                assertThat(one.active()).isFalse();
                assertThat(mesh().request("a", "b", "who?", SHORT).get(5, TimeUnit.SECONDS)).isEqualTo("second");
                assertThat(first.messages).isEmpty();
            }
        }
    }
}
