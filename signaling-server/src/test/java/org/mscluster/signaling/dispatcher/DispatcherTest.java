package org.mscluster.signaling.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.dispatch.DispatchPipeline;
import org.mscluster.cluster.dispatch.RoomPlacer;
import org.mscluster.cluster.locate.CidrTable;
import org.mscluster.cluster.locate.ClientLocator;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.access.TokenAccessGuard;

class DispatcherTest {

    private final FakeClock clock = new FakeClock();
    private final ClusterStore store = ClusterStore.inMemory(clock);
    private final NamespaceSecrets secrets = NamespaceSecrets.parse(List.of("acme=acme-0123456789abcdef0123456789abcdef"));
    private final TokenIssuer issuer = new TokenIssuer(secrets, clock);
    private final DispatchPipeline pipeline = new DispatchPipeline(new RoomPlacer(store.registry(), store.directory(),
            new NearestLeastLoadedPolicy(), clock, Duration.ZERO), 1);
    private final Dispatcher dispatcher = new Dispatcher(pipeline, new TokenAccessGuard(secrets, clock),
            new ClientLocator(CidrTable.EMPTY));

    @AfterEach
    void close() {
        pipeline.close();
    }

    private DispatchAnswer dispatch(String room, String peer, String token, String region) throws Exception {
        return dispatcher.dispatch(new DispatchQuery(room, peer, "acme", token, region, null, "127.0.0.1")).get(5, TimeUnit.SECONDS);
    }

    private String token(String room, String peer) {
        return issuer.issueJoin("acme", room, peer, Duration.ofMinutes(5));
    }

    @Test
    void routesToTheRoomsNodeWithTheClientsQueryInTheUrl() throws Exception {
        store.registry().register(NodeReport.idle(NodeIdentity.builder("n1").signalingUrl("wss://n1.example:4443/").build(), 2, clock.instant()));
        String token = token("room 1", "p1");
        DispatchAnswer answer = dispatch("room 1", "p1", token, null);
        assertThat(answer).isInstanceOf(DispatchAnswer.Routed.class);
        DispatchAnswer.Routed routed = (DispatchAnswer.Routed) answer;
        assertThat(routed.nodeId()).isEqualTo("n1");
        assertThat(routed.newlyPlaced()).isTrue();
        assertThat(routed.url()).isEqualTo("wss://n1.example:4443/?roomId=room%201&peerId=p1&namespace=acme&token=" + token);
        assertThat(((DispatchAnswer.Routed) dispatch("room 1", "p1", token, null)).newlyPlaced()).isFalse();
    }

    @Test
    void refusesBadRequestsBadTokensAndAClusterWithoutNodes() throws Exception {
        assertThat(refusal(dispatch(null, "p1", null, null))).isEqualTo("400 bad_request");
        assertThat(refusal(dispatch("r", "p1", null, null))).isEqualTo("401 token_missing");
        assertThat(refusal(dispatch("r", "p1", token("other-room", "p1"), null))).isEqualTo("403 token_wrong_room");
        assertThat(refusal(dispatch("r", "p1", token("r", "p1"), "Not A Region!"))).isEqualTo("400 bad_region");
        assertThat(refusal(dispatch("r", "p1", token("r", "p1"), null))).isEqualTo("503 no_node_available");
    }

    private static String refusal(DispatchAnswer answer) {
        assertThat(answer).isInstanceOf(DispatchAnswer.Refused.class);
        DispatchAnswer.Refused refused = (DispatchAnswer.Refused) answer;
        return refused.status().code() + " " + refused.code();
    }
}
