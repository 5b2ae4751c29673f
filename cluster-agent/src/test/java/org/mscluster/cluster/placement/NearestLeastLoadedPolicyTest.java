package org.mscluster.cluster.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mscluster.cluster.testing.Nodes.T0;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.cluster.testing.Nodes;

class NearestLeastLoadedPolicyTest {
    private static final RoomKey ROOM = new RoomKey("default", "r1");
    private static final ClientInfo SHANGHAI_TELECOM = ClientInfo.of("asia/cn/east/sh", "telecom");

    private final NearestLeastLoadedPolicy policy = new NearestLeastLoadedPolicy();

    private static Candidate node(String id, String region, String isp) {
        return new Candidate(Nodes.identity(id, region, isp), Nodes.idle(2), RoomCounts.NONE);
    }

    private static Candidate node(NodeIdentity identity, NodeLoad load) {
        return new Candidate(identity, load, RoomCounts.NONE);
    }

    private Optional<String> chosenNode(List<Candidate> candidates, RoomKey room, ClientInfo client) {
        return policy.select(candidates, room, client).map(PlacementChoice::nodeId);
    }

    private String choose(List<Candidate> candidates, ClientInfo client) {
        return chosenNode(candidates, ROOM, client).orElseThrow();
    }

    private static Candidate overCpu(Candidate c) {
        return new Candidate(c.identity(), Nodes.cpu(0.95, 2), c.claimed());
    }

    /** The issue's example: three regions, several carriers, a user in Shanghai on China Telecom. */
    @Nested
    class IssueExample {
        final Candidate eastTelecom = node("east-telecom", "asia/cn/east", "telecom");
        final Candidate eastUnicom = node("east-unicom", "asia/cn/east", "unicom");
        final Candidate northTelecom = node("north-telecom", "asia/cn/north", "telecom");
        final Candidate northUnicom = node("north-unicom", "asia/cn/north", "unicom");
        final Candidate frankfurt = node("de-1", "europe/de", "telekom");

        List<Candidate> all() {
            return List.of(frankfurt, northUnicom, northTelecom, eastUnicom, eastTelecom);
        }

        @Test
        void sameRegionAndSameIspWins() {
            assertThat(choose(all(), SHANGHAI_TELECOM)).isEqualTo("east-telecom");
        }

        @Test
        void sameRegionOutranksSameIspElsewhere() {
            List<Candidate> c = List.of(frankfurt, northUnicom, northTelecom, eastUnicom, overCpu(eastTelecom));
            assertThat(choose(c, SHANGHAI_TELECOM)).isEqualTo("east-unicom");
        }

        @Test
        void nextLongestPrefixThenIspWhenTheRegionIsFull() {
            List<Candidate> c = List.of(frankfurt, northUnicom, northTelecom, overCpu(eastUnicom), overCpu(eastTelecom));
            assertThat(choose(c, SHANGHAI_TELECOM)).isEqualTo("north-telecom");
        }

        @Test
        void anotherContinentOnlyWhenAsiaIsFull() {
            List<Candidate> c = List.of(frankfurt, overCpu(northUnicom), overCpu(northTelecom), overCpu(eastUnicom),
                    overCpu(eastTelecom));
            assertThat(choose(c, SHANGHAI_TELECOM)).isEqualTo("de-1");
        }

        @Test
        void aEuropeanUserGoesToEurope() {
            assertThat(choose(all(), ClientInfo.of("europe/de/berlin", "vodafone"))).isEqualTo("de-1");
        }

        @Test
        void aUserOfUnknownRegionIsPlacedByIspAlone() {
            // east-telecom and north-telecom tie on everything else: the id decides.
            assertThat(choose(all(), ClientInfo.of("", "telecom"))).isEqualTo("east-telecom");
        }

        @Test
        void aNationalDeploymentIsTheSameMechanismOneLevelUp() {
            Candidate beijing = node("cn-north", "asia/cn", "unicom");
            Candidate tokyo = node("jp", "asia/jp", "ntt");
            assertThat(choose(List.of(tokyo, beijing), SHANGHAI_TELECOM)).isEqualTo("cn-north");
        }
    }

    @Nested
    class Namespaces {
        final Candidate shared = node("shared", "asia/cn/east", "telecom");
        final Candidate tenantA = node(
                NodeIdentity.builder("tenant-a").region("asia/cn/east").isp("telecom").namespaces("a").priority(10).build(),
                Nodes.idle(2));

        @Test
        void aDedicatedNodeTakesItsOwnNamespace() {
            assertThat(chosenNode(List.of(shared, tenantA), new RoomKey("a", "r"), SHANGHAI_TELECOM)).contains("tenant-a");
        }

        @Test
        void aDedicatedNodeTakesNoOtherNamespace() {
            assertThat(chosenNode(List.of(shared, tenantA), new RoomKey("b", "r"), SHANGHAI_TELECOM)).contains("shared");
            assertThat(chosenNode(List.of(tenantA), new RoomKey("b", "r"), SHANGHAI_TELECOM)).isEmpty();
            assertThat(chosenNode(List.of(tenantA), ROOM, SHANGHAI_TELECOM)).isEmpty();
        }

        @Test
        void aNodeMaySeveralNamespaces() {
            Candidate ab = node(NodeIdentity.builder("ab").namespaces("a", "b").build(), Nodes.idle(1));
            assertThat(chosenNode(List.of(ab), new RoomKey("a", "r"), ClientInfo.unknown())).contains("ab");
            assertThat(chosenNode(List.of(ab), new RoomKey("b", "r"), ClientInfo.unknown())).contains("ab");
            assertThat(chosenNode(List.of(ab), new RoomKey("c", "r"), ClientInfo.unknown())).isEmpty();
        }
    }

    @Nested
    class Limits {
        final NodeIdentity east = Nodes.identity("east", "asia/cn/east", "telecom");
        final Candidate north = node("north", "asia/cn/north", "telecom");

        private String chooseWith(NodeLoad eastLoad) {
            return choose(List.of(node(east, eastLoad), north), SHANGHAI_TELECOM);
        }

        @Test
        void aNodeOverItsCpuLimitGetsNoNewRooms() {
            assertThat(chooseWith(Nodes.cpu(0.86, 2))).isEqualTo("north");
        }

        @Test
        void aNodeAtItsCpuLimitStillDoes() {
            assertThat(chooseWith(Nodes.cpu(0.85, 2))).isEqualTo("east");
        }

        @Test
        void theCpuLimitIsConfigurable() {
            var strict = new NearestLeastLoadedPolicy(PlacementSettings.builder().cpuLimit(0.5).build());
            var c = List.of(node(east, Nodes.cpu(0.6, 2)), north);
            assertThat(strict.select(c, ROOM, SHANGHAI_TELECOM)).map(PlacementChoice::nodeId).contains("north");
        }

        @Test
        void memoryDiskNetworkConsumersAndRoomsHaveLimitsToo() {
            var base = Nodes.idle(2);
            assertThat(chooseWith(new NodeLoad(HostLoad.of(0, 0.95, 0, 0, 0), base.workers(), T0))).isEqualTo("north");
            assertThat(chooseWith(new NodeLoad(HostLoad.of(0, 0, 0, 0, 0.99), base.workers(), T0))).isEqualTo("north");
            assertThat(chooseWith(new NodeLoad(HostLoad.of(0, 0, 60_000_000, 60_000_000, 0), base.workers(), T0))).isEqualTo("north");
            assertThat(chooseWith(Nodes.withWorkers(0, List.of(WorkerLoad.of(0, 1, 10, 10, 10_001, 0)))))
                    .isEqualTo("north");
            assertThat(chooseWith(Nodes.withWorkers(0, List.of(WorkerLoad.of(0, 1_000, 0, 0, 0, 0)))))
                    .isEqualTo("north");
        }

        @Test
        void aNodeWhoseWorkersAreAllBusyIsSkipped() {
            var busy = Nodes.withWorkers(0.5, List.of(WorkerLoad.of(0, 1, 1, 1, 1, 0.95), WorkerLoad.of(1, 1, 1, 1, 1, 0.99)));
            assertThat(chooseWith(busy)).isEqualTo("north");
        }

        @Test
        void aNodeWithoutWorkersIsSkipped() {
            assertThat(chooseWith(Nodes.idle(0))).isEqualTo("north");
        }

        @Test
        void aDrainingNodeGetsNoNewRooms() {
            var c = List.of(node(east.withState(NodeState.DRAINING), Nodes.idle(2)), north);
            assertThat(choose(c, SHANGHAI_TELECOM)).isEqualTo("north");
        }

        @Test
        void nothingWhenNoNodeIsEligible() {
            assertThat(policy.select(List.of(), ROOM, SHANGHAI_TELECOM)).isEmpty();
            assertThat(policy.select(List.of(node(east, Nodes.cpu(0.99, 1))), ROOM, SHANGHAI_TELECOM)).isEmpty();
        }

        @Test
        void explainCountsTheReasons() {
            var c = List.of(node(east, Nodes.cpu(0.99, 1)), node(east.withState(NodeState.DRAINING), Nodes.idle(1)), north);
            assertThat(policy.explain(c, ROOM)).isEqualTo(Map.of(
                    Eligibility.CPU_OVER_LIMIT, 1, Eligibility.DRAINING, 1, Eligibility.ELIGIBLE, 1));
        }
    }

    @Nested
    class TieBreaks {
        @Test
        void priorityBreaksTiesBetweenEquallyCloseNodes() {
            var low = node(NodeIdentity.builder("a-low").region("asia/cn/east").isp("telecom").priority(1).build(),
                    Nodes.idle(2));
            var high = node(NodeIdentity.builder("b-high").region("asia/cn/east").isp("telecom").priority(5).build(),
                    Nodes.cpu(0.7, 2));
            assertThat(choose(List.of(low, high), SHANGHAI_TELECOM)).isEqualTo("b-high");
        }

        @Test
        void priorityDoesNotOutrankProximity() {
            var near = node("near", "asia/cn/east", "telecom");
            var far = node(NodeIdentity.builder("far").region("europe/de").priority(100).build(), Nodes.idle(2));
            assertThat(choose(List.of(far, near), SHANGHAI_TELECOM)).isEqualTo("near");
        }

        @Test
        void thenTheLeastLoaded() {
            var busy = node(Nodes.identity("a", "asia/cn/east", "telecom"), Nodes.cpu(0.6, 2));
            var calm = node(Nodes.identity("b", "asia/cn/east", "telecom"), Nodes.cpu(0.2, 2));
            assertThat(choose(List.of(busy, calm), SHANGHAI_TELECOM)).isEqualTo("b");
        }

        @Test
        void bandwidthAndConsumersCountAsLoad() {
            var network = node(Nodes.identity("a", "x", ""), new NodeLoad(HostLoad.of(0.1, 0, 50_000_000, 50_000_000, 0), Nodes.idle(1).workers(), T0));
            var consumers = node(Nodes.identity("b", "x", ""),
                    Nodes.withWorkers(0.1, List.of(WorkerLoad.of(0, 1, 10, 10, 2_000, 0.1))));
            var quiet = node(Nodes.identity("c", "x", ""), Nodes.cpu(0.3, 1));
            // network share 0.8 and consumer share 0.2 both outweigh 0.2 more CPU
            assertThat(choose(List.of(network, consumers, quiet), ClientInfo.unknown())).isEqualTo("c");
        }

        @Test
        void weightsAreConfigurable() {
            var network = node(Nodes.identity("a", "x", ""), new NodeLoad(HostLoad.of(0.1, 0, 50_000_000, 50_000_000, 0), Nodes.idle(1).workers(), T0));
            var cpu = node(Nodes.identity("b", "x", ""), Nodes.cpu(0.5, 1));
            assertThat(choose(List.of(network, cpu), ClientInfo.unknown())).isEqualTo("b");
            var cpuOnly = new NearestLeastLoadedPolicy(PlacementSettings.builder().networkWeight(0).build());
            assertThat(cpuOnly.select(List.of(network, cpu), ROOM, ClientInfo.unknown()))
                    .map(PlacementChoice::nodeId).contains("a");
        }

        @Test
        void roomsTheDirectoryAlreadyAssignedSpreadABurst() {
            var a = new Candidate(Nodes.identity("a", "x", ""), Nodes.idle(2), new RoomCounts(Map.of(0, 1)));
            var b = new Candidate(Nodes.identity("b", "x", ""), Nodes.idle(2), RoomCounts.NONE);
            assertThat(policy.select(List.of(a, b), ROOM, ClientInfo.unknown()))
                    .contains(new PlacementChoice("b", 0));
        }

        @Test
        void roomsClaimedSinceTheLastReportCountAsCpuUntilTheReportShowsThem() {
            // a reported 0.10 with five rooms claimed since weighs as 0.20: past b's 0.15
            var a = new Candidate(Nodes.identity("a", "x", ""), Nodes.cpu(0.10, 1), new RoomCounts(Map.of(0, 5)));
            var b = new Candidate(Nodes.identity("b", "x", ""), Nodes.cpu(0.15, 1), RoomCounts.NONE);
            assertThat(choose(List.of(a, b), ClientInfo.unknown())).isEqualTo("b");
            // once a's report counts the five rooms, its measured CPU is all there is
            var reported = new Candidate(a.identity(), Nodes.withWorkers(0.10, List.of(WorkerLoad.of(0, 5, 0, 0, 0, 0.1))),
                    a.claimed());
            assertThat(choose(List.of(reported, b), ClientInfo.unknown())).isEqualTo("a");
            var blind = new NearestLeastLoadedPolicy(PlacementSettings.builder().unreportedRoomCpu(0).build());
            assertThat(blind.select(List.of(a, b), ROOM, ClientInfo.unknown())).map(PlacementChoice::nodeId).contains("a");
        }

        @Test
        void identicalNodesAreChosenByIdWhateverTheirOrder() {
            List<Candidate> nodes = new ArrayList<>();
            for (String id : List.of("n3", "n1", "n4", "n2", "n5")) {
                nodes.add(node(id, "asia/cn/east", "telecom"));
            }
            Random random = new Random(42);
            for (int i = 0; i < 20; i++) {
                Collections.shuffle(nodes, random);
                assertThat(policy.select(nodes, ROOM, SHANGHAI_TELECOM)).contains(new PlacementChoice("n1", 0));
            }
        }
    }

    @Nested
    class Workers {
        private PlacementChoice chooseAmong(List<WorkerLoad> workers, RoomCounts claimed) {
            var c = new Candidate(Nodes.identity("n", "x", ""), Nodes.withWorkers(0.2, workers), claimed);
            return policy.select(List.of(c), ROOM, ClientInfo.unknown()).orElseThrow();
        }

        @Test
        void theLeastLoadedWorker() {
            var choice = chooseAmong(List.of(
                    WorkerLoad.of(0, 3, 10, 5, 20, 0.40),
                    WorkerLoad.of(1, 1, 2, 1, 2, 0.05),
                    WorkerLoad.of(2, 2, 5, 3, 9, 0.20)), RoomCounts.NONE);
            assertThat(choice.workerIndex()).isEqualTo(1);
        }

        @Test
        void roomsClaimedOnTheQuietestWorkerSinceTheLastReportTurnTheNextOneElsewhere() {
            List<WorkerLoad> reported = List.of(WorkerLoad.of(0, 0, 0, 0, 0, 0.05), WorkerLoad.of(1, 0, 0, 0, 0, 0.10));
            assertThat(chooseAmong(reported, RoomCounts.NONE).workerIndex()).isZero();
            assertThat(chooseAmong(reported, new RoomCounts(Map.of(0, 3))).workerIndex()).isEqualTo(1);
        }

        @Test
        void aBusyWorkerIsPassedOver() {
            var choice = chooseAmong(List.of(
                    WorkerLoad.of(0, 0, 0, 0, 0, 0.95),
                    WorkerLoad.of(1, 5, 50, 10, 200, 0.60)), RoomCounts.NONE);
            assertThat(choice.workerIndex()).isEqualTo(1);
        }

        @Test
        void roomsClaimedSinceTheLastReportCount() {
            var choice = chooseAmong(List.of(WorkerLoad.idle(0), WorkerLoad.idle(1), WorkerLoad.idle(2)),
                    new RoomCounts(Map.of(0, 2, 1, 1)));
            assertThat(choice.workerIndex()).isEqualTo(2);
        }

        @Test
        void idleWorkersTieToTheLowestIndex() {
            assertThat(chooseAmong(List.of(WorkerLoad.idle(3), WorkerLoad.idle(1)), RoomCounts.NONE).workerIndex())
                    .isEqualTo(1);
        }
    }

    @Test
    void rankedListsWhatSelectWouldChooseOneAfterAnother() {
        // Regions, ISPs, priorities, loads and full nodes mixed, so that every key of the ranking decides somewhere.
        NearestLeastLoadedPolicy policy = new NearestLeastLoadedPolicy(PlacementSettings.builder().roomCapacity(6).build());
        String[] regions = {"asia/cn/east", "asia/cn/north", "europe/de"};
        Random random = new Random(11);
        List<Candidate> all = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            NodeIdentity identity = NodeIdentity.builder("n" + n).region(regions[n % 3]).isp(n % 2 == 0 ? "telecom" : "unicom")
                    .priority(random.nextInt(3) == 0 ? 1 : 0).build();
            all.add(new Candidate(identity, Nodes.cpu(random.nextDouble() * 0.9, 2),
                    new RoomCounts(Map.of(0, random.nextInt(4), 1, random.nextInt(4)))));
        }
        RoomKey room = RoomKey.of("default", "r");
        for (ClientInfo client : List.of(ClientInfo.of("asia/cn/east/sh", "telecom"), ClientInfo.of("europe/de/be", ""),
                ClientInfo.of("america/us", "unicom"))) {
            List<Candidate> remaining = new ArrayList<>(all);
            List<String> bySelect = new ArrayList<>();
            for (Optional<PlacementChoice> next = policy.select(remaining, room, client); next.isPresent();
                    next = policy.select(remaining, room, client)) {
                String id = next.get().nodeId();
                bySelect.add(id);
                remaining.removeIf(c -> c.id().equals(id));
            }
            for (int k : new int[] {1, 5, 17, 200}) {
                assertThat(policy.ranked(all, room, client, k)).extracting(Candidate::id)
                        .as("k=%d for %s", k, client).containsExactlyElementsOf(bySelect.subList(0, Math.min(k, bySelect.size())));
            }
        }
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> PlacementSettings.builder().cpuLimit(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlacementSettings.builder().cpuLimit(1.5).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlacementSettings.builder().cpuWeight(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlacementSettings.builder().unreportedRoomCpu(-0.1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlacementSettings.builder().roomCapacity(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PlacementSettings.defaults().toBuilder().build()).isEqualTo(PlacementSettings.defaults());
    }

    @Test
    void theNamespaceWildcardServesEverything() {
        assertThat(NodeIdentity.builder("n").build().serves("anything")).isTrue();
        assertThat(NodeIdentity.builder("n").namespaces(Set.of("a")).build().isDedicated()).isTrue();
    }
}
