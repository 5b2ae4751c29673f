package org.mscluster.cluster.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.testing.Nodes;

/**
 * The rules every {@link NodeEventLedger} obeys: recording needs the lease and is whole (the announced
 * state and the outbox change together), the outbox keeps its order and its events until delivered or
 * dead-lettered, whoever reads it. Lease expiry is tested per implementation.
 */
public abstract class NodeEventLedgerContract {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);

    /** A fresh, empty ledger. */
    protected abstract NodeEventLedger ledger();

    private static NodeEvent event(NodeEvent.Type type, NodeIdentity node, String reason) {
        return NodeEvent.of(type, node, reason, AT);
    }

    @Test
    void recordingAnnouncesAndQueuesTogetherInOrder() {
        NodeEventLedger ledger = ledger();
        NodeIdentity n1 = Nodes.identity("n1", "eu/de", "dt");
        NodeIdentity n1Draining = n1.withState(NodeState.DRAINING);
        assertThat(ledger.holdLease("d1", LEASE)).isTrue();
        NodeEvent up = event(NodeEvent.Type.UP, n1, null);
        NodeEvent draining = event(NodeEvent.Type.DRAINING, n1Draining, null);
        assertThat(ledger.record("d1", "n1", n1, List.of(up))).isTrue();
        assertThat(ledger.record("d1", "n1", n1Draining, List.of(draining))).isTrue();
        assertThat(ledger.announced()).containsExactlyEntriesOf(java.util.Map.of("n1", n1Draining));
        assertThat(ledger.outbox(10)).containsExactly(up, draining);
        assertThat(ledger.outbox(1)).containsExactly(up);

        NodeEvent down = event(NodeEvent.Type.DOWN, n1Draining, "gone");
        assertThat(ledger.record("d1", "n1", null, List.of(down))).isTrue();
        assertThat(ledger.announced()).isEmpty();
        assertThat(ledger.outbox(10)).containsExactly(up, draining, down);
        assertThat(ledger.outbox(10).get(2).reason()).isEqualTo("gone");
    }

    @Test
    void onlyTheLeaseHolderRecords() {
        NodeEventLedger ledger = ledger();
        NodeIdentity n1 = Nodes.identity("n1", "eu/de", "");
        assertThat(ledger.record("d1", "n1", n1, List.of(event(NodeEvent.Type.UP, n1, null))))
                .as("nobody holds the lease").isFalse();
        assertThat(ledger.holdLease("d1", LEASE)).isTrue();
        assertThat(ledger.record("d2", "n1", n1, List.of(event(NodeEvent.Type.UP, n1, null)))).isFalse();
        assertThat(ledger.announced()).isEmpty();
        assertThat(ledger.outbox(10)).isEmpty();
        ledger.releaseLease("d1");
        assertThat(ledger.record("d1", "n1", n1, List.of(event(NodeEvent.Type.UP, n1, null))))
                .as("released").isFalse();
    }

    @Test
    void eventsLeaveTheOutboxOnlyWhenDeliveredOrDead() {
        NodeEventLedger ledger = ledger();
        NodeIdentity n1 = Nodes.identity("n1", "eu/de", "");
        NodeIdentity n2 = Nodes.identity("n2", "eu/fr", "");
        NodeEvent up1 = event(NodeEvent.Type.UP, n1, null);
        NodeEvent up2 = event(NodeEvent.Type.UP, n2, null);
        assertThat(ledger.holdLease("d1", LEASE)).isTrue();
        ledger.record("d1", "n1", n1, List.of(up1));
        ledger.record("d1", "n2", n2, List.of(up2));
        // The holder changes: the outbox stays for the next one.
        ledger.releaseLease("d1");
        assertThat(ledger.holdLease("d2", LEASE)).isTrue();
        assertThat(ledger.outbox(10)).containsExactly(up1, up2);

        ledger.delivered(up1.id());
        ledger.delivered(up1.id()); // twice: nothing more happens
        assertThat(ledger.outbox(10)).containsExactly(up2);
        ledger.dead(up2.id(), "HTTP 503", 7, AT.plusSeconds(60));
        ledger.dead("no-such-event", "HTTP 503", 1, AT);
        assertThat(ledger.outbox(10)).isEmpty();
        // The dead letter keeps why: the receiver's last answer, the attempts, when it was given up.
        assertThat(ledger.deadLetters()).containsExactly(new DeadLetter(up2, "HTTP 503", 7, AT.plusSeconds(60)));
        assertThat(ledger.announced()).containsOnlyKeys("n1", "n2");
    }

    @Test
    void aRecordWithoutEventsOnlyChangesTheAnnouncedState() {
        NodeEventLedger ledger = ledger();
        NodeIdentity n1 = Nodes.identity("n1", "eu/de", "");
        assertThat(ledger.holdLease("d1", LEASE)).isTrue();
        assertThat(ledger.record("d1", "n1", n1.withState(NodeState.DRAINING), List.of())).isTrue();
        assertThat(ledger.record("d1", "n1", n1, List.of())).isTrue();
        assertThat(ledger.announced()).containsEntry("n1", n1);
        assertThat(ledger.outbox(10)).isEmpty();
    }
}
