package org.mscluster.cluster.placement;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.WorkerLoad;

/**
 * The cluster's placement policy: the nearest eligible node, then the least loaded worker on it.
 *
 * <h2>Algorithm</h2>
 *
 * <ol>
 *   <li><b>Filter.</b> A candidate is eligible when it is {@link NodeState#UP} (draining nodes
 *       finish their rooms but take none), serves the room's namespace (explicitly or with
 *       {@code *}), has at least one worker, is at or under every limit of
 *       {@link PlacementSettings} (CPU, memory, disk, network, consumers, rooms), and has at least
 *       one worker at or under {@code workerCpuLimit}. The registry has already dropped nodes that
 *       stopped reporting, so every candidate is live.
 *   <li><b>Rank</b> eligible nodes by, in order:
 *       <ol>
 *         <li>longest common prefix of the node's region path with the first client's region
 *             ({@code asia/cn/east} shares 3 segments with {@code asia/cn/east/sh}, 2 with
 *             {@code asia/cn/north}, 0 with {@code europe/de}). This one rule covers global,
 *             national and regional deployments: only the depth of the paths differs;
 *         <li>same ISP as the client (carrier-crossing traffic is what hurts in practice);
 *         <li>higher {@code priority}, the operator's lever for preferring some hosts;
 *         <li>lower load score (see {@link LoadScore}): weighted CPU, network and consumers,
 *             plus a small weight on rooms; rooms claimed since the node's last report add an
 *             assumed CPU cost each, so that a burst of new rooms spreads out before the next
 *             load report shows them;
 *         <li>node id, so that equal inputs give equal answers on every dispatcher.
 *       </ol>
 *   <li><b>Worker.</b> On the chosen node, the worker with the lowest worker score among those at
 *       or under {@code workerCpuLimit}; ties go to the lowest index.
 * </ol>
 *
 * <p>Proximity outranks load on purpose: a distant idle node costs every participant latency for
 * the life of the room, while a busy near node is only excluded once it reaches a limit. Limits,
 * not the ranking, are what protect a node from overload.
 */
public final class NearestLeastLoadedPolicy implements PlacementPolicy {
    private final PlacementSettings settings;
    private final LoadScore score;

    public NearestLeastLoadedPolicy(PlacementSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.score = new LoadScore(settings);
    }

    public NearestLeastLoadedPolicy() {
        this(PlacementSettings.defaults());
    }

    public PlacementSettings settings() {
        return settings;
    }

    @Override
    public Optional<PlacementChoice> select(List<Candidate> candidates, RoomKey room, ClientInfo client) {
        // The ranking of the class comment, with the best candidate's keys kept and each candidate's computed
        // once, in rank order: a candidate that already ranks below the best by proximity, ISP or
        // priority is neither assessed nor scored. With a thousand candidates in several regions
        // most stop at the first key; this loop is most of a dispatch decision's CPU.
        Candidate best = null;
        int bestDepth = 0;
        boolean bestIsp = false;
        int bestPriority = 0;
        double bestScore = 0;
        for (Candidate c : candidates) {
            int depth = c.identity().region().commonPrefixDepth(client.region());
            boolean isp = sameIsp(c, client);
            int priority = c.identity().priority();
            int ranked = best == null ? -1 : rankBefore(depth, isp, priority, bestDepth, bestIsp, bestPriority);
            if (ranked > 0 || assess(c, room) != Eligibility.ELIGIBLE) {
                continue;
            }
            double load = score.ofNode(c);
            if (ranked == 0) {
                int byLoad = Double.compare(load, bestScore);
                if (byLoad > 0 || (byLoad == 0 && c.id().compareTo(best.id()) >= 0)) {
                    continue;
                }
            }
            best = c;
            bestDepth = depth;
            bestIsp = isp;
            bestPriority = priority;
            bestScore = load;
        }
        return best == null ? Optional.empty() : Optional.of(new PlacementChoice(best.id(), leastLoadedWorker(best).index()));
    }

    /**
     * One pass, as {@link #select}: a candidate that ranks below the k-th by proximity, ISP or priority
     * when k are held is neither assessed nor scored.
     */
    @Override
    public List<Candidate> ranked(List<Candidate> candidates, RoomKey room, ClientInfo client, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        Ranked[] best = new Ranked[k];
        int held = 0;
        for (Candidate c : candidates) {
            int depth = c.identity().region().commonPrefixDepth(client.region());
            boolean isp = sameIsp(c, client);
            int priority = c.identity().priority();
            if (held == k && rankBefore(depth, isp, priority, best[k - 1].depth, best[k - 1].isp, best[k - 1].priority) > 0) {
                continue;
            }
            if (assess(c, room) != Eligibility.ELIGIBLE) {
                continue;
            }
            Ranked r = new Ranked(c, depth, isp, priority, score.ofNode(c));
            if (held == k && r.compareTo(best[k - 1]) >= 0) {
                continue;
            }
            int at = held == k ? k - 1 : held++;
            while (at > 0 && r.compareTo(best[at - 1]) < 0) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = r;
        }
        List<Candidate> out = new java.util.ArrayList<>(held);
        for (int i = 0; i < held; i++) {
            out.add(best[i].candidate);
        }
        return out;
    }

    /** A candidate with {@link #select}'s ranking keys; ordered as the class comment says. */
    private record Ranked(Candidate candidate, int depth, boolean isp, int priority, double load) implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked o) {
            int byKeys = rankBefore(depth, isp, priority, o.depth, o.isp, o.priority);
            if (byKeys != 0) {
                return byKeys;
            }
            int byLoad = Double.compare(load, o.load);
            return byLoad != 0 ? byLoad : candidate.id().compareTo(o.candidate.id());
        }
    }

    /** {@link #select} reads of the room its namespace only, of the client its region and ISP. */
    @Override
    public Object choiceKey(RoomKey room, ClientInfo client) {
        return new ChoiceKey(room.namespace(), client.region(), client.isp());
    }

    private record ChoiceKey(String namespace, RegionPath region, String isp) {
    }

    /** Whether {@code candidate} may take a new room of {@code room}'s namespace, and if not why. */
    public Eligibility assess(Candidate candidate, RoomKey room) {
        var id = candidate.identity();
        var load = candidate.load();
        if (id.isMediaHost()) {
            return Eligibility.MEDIA_HOST;
        }
        if (id.egressOnly()) {
            return Eligibility.EGRESS_ONLY;
        }
        if (id.state() != NodeState.UP) {
            return Eligibility.DRAINING;
        }
        if (!id.serves(room.namespace())) {
            return Eligibility.NAMESPACE_NOT_SERVED;
        }
        if (load.workers().isEmpty()) {
            return Eligibility.NO_WORKERS;
        }
        Eligibility limits = nodeLimits(candidate);
        if (limits != Eligibility.ELIGIBLE) {
            return limits;
        }
        // A room placed now adds one: refuse when that would cross the limit, not after.
        if ((double) (candidate.rooms() + 1) / settings.roomCapacity() > settings.roomLimit()) {
            return Eligibility.ROOMS_OVER_LIMIT;
        }
        for (WorkerLoad w : load.workers()) {
            if (workerHasRoom(w)) {
                return Eligibility.ELIGIBLE;
            }
        }
        return Eligibility.ALL_WORKERS_BUSY;
    }

    /**
     * Whether a node that already has a leg of a room may take another peer there (cascade): it is up
     * (a draining node's legs finish their peers, new ones go elsewhere), has workers, and is at or
     * under every node-level limit but the room limit, as an existing leg adds no room. The leg's
     * own capacity is {@link CascadePolicy}'s to check.
     */
    public Eligibility assessLeg(Candidate candidate) {
        var id = candidate.identity();
        if (id.isMediaHost()) {
            return Eligibility.MEDIA_HOST;
        }
        if (id.egressOnly()) {
            return Eligibility.EGRESS_ONLY;
        }
        if (id.state() != NodeState.UP) {
            return Eligibility.DRAINING;
        }
        if (candidate.load().workers().isEmpty()) {
            return Eligibility.NO_WORKERS;
        }
        return nodeLimits(candidate);
    }

    /** The limits on the whole machine: CPU, memory, disk, network, consumers. */
    private Eligibility nodeLimits(Candidate candidate) {
        var load = candidate.load();
        if (load.cpu() > settings.cpuLimit()) {
            return Eligibility.CPU_OVER_LIMIT;
        }
        if (load.memory() > settings.memoryLimit()) {
            return Eligibility.MEMORY_OVER_LIMIT;
        }
        if (load.disk() > settings.diskLimit()) {
            return Eligibility.DISK_OVER_LIMIT;
        }
        if (score.networkShare(candidate) > settings.networkLimit()) {
            return Eligibility.NETWORK_OVER_LIMIT;
        }
        if (score.consumerShare(candidate) > settings.consumerLimit()) {
            return Eligibility.CONSUMERS_OVER_LIMIT;
        }
        return Eligibility.ELIGIBLE;
    }

    /** How many candidates fail for each reason, and how many are eligible. */
    @Override
    public Map<Eligibility, Integer> explain(List<Candidate> candidates, RoomKey room) {
        Map<Eligibility, Integer> counts = new EnumMap<>(Eligibility.class);
        for (Candidate c : candidates) {
            counts.merge(assess(c, room), 1, Integer::sum);
        }
        return counts;
    }

    /** The first three keys of the class comment's ranking: negative when the first ranks before the second, 0 on a tie. */
    private static int rankBefore(int depth, boolean isp, int priority, int otherDepth, boolean otherIsp, int otherPriority) {
        if (depth != otherDepth) {
            return depth > otherDepth ? -1 : 1; // nearer first
        }
        if (isp != otherIsp) {
            return isp ? -1 : 1; // same ISP first
        }
        return Integer.compare(otherPriority, priority); // higher priority first
    }

    static boolean sameIsp(Candidate c, ClientInfo client) {
        return !client.isp().isEmpty() && client.isp().equals(c.identity().isp());
    }

    private boolean workerHasRoom(WorkerLoad w) {
        // A dead worker (between its death and its replacement) takes no room, however idle it looks.
        return w.alive() && w.cpu() <= settings.workerCpuLimit();
    }

    private WorkerLoad leastLoadedWorker(Candidate c) {
        WorkerLoad best = null;
        double bestScore = 0;
        for (WorkerLoad w : c.load().workers()) { // ordered by index, so ties keep the lowest
            if (workerHasRoom(w)) {
                double s = score.ofWorker(c, w);
                if (best == null || s < bestScore) {
                    best = w;
                    bestScore = s;
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("assess() guarantees a worker with room");
        }
        return best;
    }
}
