package org.mscluster.cluster.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

class InMemoryNodeEventLedgerTest extends NodeEventLedgerContract {

    private final FakeClock clock = new FakeClock();

    @Override
    protected NodeEventLedger ledger() {
        return new InMemoryNodeEventLedger(clock);
    }

    @Test
    void aLapsedLeaseRecordsNothing() {
        NodeEventLedger ledger = ledger();
        NodeIdentity n1 = Nodes.identity("n1", "eu/de", "");
        assertThat(ledger.holdLease("d1", Duration.ofSeconds(3))).isTrue();
        clock.advance(Duration.ofSeconds(3));
        assertThat(ledger.record("d1", "n1", n1, List.of(NodeEvent.of(NodeEvent.Type.UP, n1, null, clock.instant()))))
                .isFalse();
        assertThat(ledger.outbox(10)).isEmpty();
    }
}
