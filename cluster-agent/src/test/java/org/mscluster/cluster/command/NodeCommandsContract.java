package org.mscluster.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;

/** What every {@link NodeCommands} does, whatever carries the commands. */
public abstract class NodeCommandsContract {

    protected abstract NodeCommands commands();

    private static final RoomKey ROOM = RoomKey.of("acme", "a1");

    /** Waits until the subscription listens (a remote channel subscribes asynchronously). */
    private static NodeCommands.Subscription listening(NodeCommands.Subscription subscription) {
        await().atMost(Duration.ofSeconds(5)).until(subscription::active);
        return subscription;
    }

    @Test
    void aCommandReachesItsNodeAndTheAnswerComesBack() {
        List<AdminCommand> received = new CopyOnWriteArrayList<>();
        try (NodeCommands.Subscription n1 = listening(commands().subscribe("n1", command -> {
            received.add(command);
            return CompletableFuture.completedFuture(ActionResult.done("peer " + command.peer() + " kicked"));
        })); NodeCommands.Subscription n2 = listening(commands().subscribe("n2",
                command -> CompletableFuture.completedFuture(ActionResult.notFound("not here"))))) {
            AdminCommand kick = AdminCommand.kick(ROOM, "alice");
            assertThat(commands().send("n1", kick, Duration.ofSeconds(2))).isEqualTo(ActionResult.done("peer alice kicked"));
            assertThat(received).containsExactly(kick);
            assertThat(commands().send("n2", AdminCommand.close(ROOM), Duration.ofSeconds(2)).status()).isEqualTo(404);
        }
    }

    @Test
    void nobodyListeningIs503() {
        assertThat(commands().send("nobody", AdminCommand.close(ROOM), Duration.ofSeconds(1)).status()).isEqualTo(503);
        assertThat(commands().post("nobody", AdminCommand.drain())).isFalse();
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeIs504() {
        try (NodeCommands.Subscription slow = listening(commands().subscribe("slow", command -> new CompletableFuture<>()))) {
            assertThat(commands().send("slow", AdminCommand.close(ROOM), Duration.ofMillis(300)).status()).isEqualTo(504);
        }
    }

    @Test
    void aFailingHandlerIs500() {
        try (NodeCommands.Subscription failing = listening(commands().subscribe("failing",
                command -> CompletableFuture.failedFuture(new IllegalStateException("worker gone"))))) {
            ActionResult result = commands().send("failing", AdminCommand.close(ROOM), Duration.ofSeconds(2));
            assertThat(result.status()).isEqualTo(500);
            assertThat(result.message()).contains("worker gone");
        }
    }

    @Test
    void aPostIsHandledWithoutWaiting() {
        List<AdminCommand> received = new CopyOnWriteArrayList<>();
        try (NodeCommands.Subscription n1 = listening(commands().subscribe("n1", command -> {
            received.add(command);
            return CompletableFuture.completedFuture(ActionResult.done("draining"));
        }))) {
            assertThat(commands().post("n1", AdminCommand.drain())).isTrue();
            await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 1);
            assertThat(received.get(0).action()).isEqualTo(AdminCommand.Action.DRAIN);
        }
    }

    @Test
    void aClosedSubscriptionTakesNoMoreCommands() {
        NodeCommands.Subscription n1 = listening(commands().subscribe("n1",
                command -> CompletableFuture.completedFuture(ActionResult.done("ok"))));
        n1.close();
        assertThat(n1.active()).isFalse();
        await().atMost(Duration.ofSeconds(2)).until(() ->
                commands().send("n1", AdminCommand.close(ROOM), Duration.ofMillis(200)).status() == 503);
    }
}
