package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.json.Json;

class RemoteEgressTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    private final List<String> stops = new ArrayList<>();

    private RemoteEgress egress() {
        return new RemoteEgress("EG_1", RoomKey.of("acme", "r"), "egress-1",
                Json.object().put("egressId", "EG_1").put("status", "starting").put("nodeId", "egress-1"), CLOCK, stops::add);
    }

    @Test
    void itSaysWhatTheEgressNodeLastSaidAndWhichNodeRunsIt() {
        RemoteEgress egress = egress();
        assertThat(egress.status()).isEqualTo(EgressStatus.STARTING);
        egress.update(Json.object().put("egressId", "EG_1").put("status", "active"));
        assertThat(egress.status()).isEqualTo(EgressStatus.ACTIVE);
        assertThat(egress.json()).containsEntry("nodeId", "egress-1").containsEntry("status", "active");
        egress.stop("by an admin");
        assertThat(stops).containsExactly("by an admin");
    }

    @Test
    void aDeadEgressNodeFailsItOnceWithTheReasonAndAFinishedEgressStaysAsItEnded() {
        RemoteEgress egress = egress();
        egress.update(Json.object().put("status", "active"));
        assertThat(egress.fail("egress node egress-1 is gone")).isTrue();
        assertThat(egress.fail("again")).isFalse();
        assertThat(egress.status()).isEqualTo(EgressStatus.FAILED);
        assertThat(egress.json()).containsEntry("status", "failed").containsEntry("error", "egress node egress-1 is gone")
                .containsEntry("endedAt", "2026-12-04T12:00:00Z");
        egress.update(Json.object().put("status", "active"));
        assertThat(egress.status()).isEqualTo(EgressStatus.FAILED);

        RemoteEgress complete = egress();
        complete.update(Json.object().put("status", "complete"));
        assertThat(complete.fail("gone")).isFalse();
        assertThat(complete.status()).isEqualTo(EgressStatus.COMPLETE);
    }
}
