package org.mscluster.signaling.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.admin.AdminActions;
import org.mscluster.signaling.admin.AdminApi;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.net.SignalingChannelInitializer;
import org.mscluster.signaling.net.SignalingServer;
import org.mscluster.signaling.net.WebSocketLimits;

/**
 * Serves the dashboard at {@code /} over a {@link SimulatedCluster}: for looking at it (and taking
 * screenshots) with many nodes and no workers. Open on loopback (no secrets).
 *
 * <pre>{@code java ... DashboardPreview [port] [nodes] [roomLimit]}</pre>
 *
 * A {@code roomLimit} below the simulated rooms (up to 6 per node) shows the dashboard in summary mode.
 */
public final class DashboardPreview {

    private DashboardPreview() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8480;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int roomLimit = args.length > 2 ? Integer.parseInt(args[2]) : ClusterFeed.DEFAULT_ROOM_LIMIT;
        Clock clock = Clock.systemUTC();
        SimulatedCluster cluster = new SimulatedCluster(nodes, clock);
        AdminAuth auth = new AdminAuth(NamespaceSecrets.none(), null, clock);
        AdminActions actions = new AdminActions() {
            @Override
            public CompletionStage<ActionResult> closeRoom(RoomKey room) {
                return CompletableFuture.completedFuture(ActionResult.done("closed"));
            }

            @Override
            public CompletionStage<ActionResult> kick(RoomKey room, String peerId) {
                return CompletableFuture.completedFuture(ActionResult.done("kicked"));
            }

            @Override
            public CompletionStage<ActionResult> drain(String nodeId) {
                cluster.drain(nodeId);
                return CompletableFuture.completedFuture(ActionResult.done("draining"));
            }
        };
        ClusterFeed feed = new ClusterFeed(clock, roomLimit);
        // Fifteen minutes of made-up history (a point every 5 s), so the charts have something to show at once.
        long now = clock.millis();
        for (int i = 0; i < 900; i += 5) {
            cluster.step();
            feed.publishAt(now - (900 - i) * 1000L, cluster.reports().toCompletableFuture().join());
        }
        var ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(cluster::step, 1, 1, TimeUnit.SECONDS);
        feed.pollEvery(cluster, Duration.ofSeconds(1));
        List<HttpRoute> routes = new ArrayList<>(new AdminApi(auth, cluster, actions, clock).routes());
        routes.add(new ClusterStreamRoute(auth, feed));
        routes.add(DashboardRoute.fromClassPath("/"));
        SignalingServer server = new SignalingServer("127.0.0.1", port, null, new SignalingChannelInitializer.Handlers(Map.of(),
                StaticFiles.fromClassPath("dashboard"), (request, peer) -> peer.close(), null, routes), WebSocketLimits.defaults());
        System.out.println("dashboard preview with " + nodes + " simulated nodes (room limit " + roomLimit + "): http://127.0.0.1:"
                + server.address().getPort() + "/");
        Thread.currentThread().join();
    }
}
