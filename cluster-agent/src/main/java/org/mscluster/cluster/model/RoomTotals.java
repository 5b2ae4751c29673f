package org.mscluster.cluster.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one node's rooms of one namespace add up to: the figures of the cluster's summary, the
 * dashboard's history and its feed. A node writes them with each report, so a dispatcher reads a few
 * hundred bytes a node for those views instead of its room list (half a kilobyte a room).
 *
 * @param rooms the node's rooms of the namespace, its legs of rooms across nodes included
 * @param egresses egresses of those rooms not finished yet
 * @param peerRegions peers by their own region ({@code ""} for none given)
 * @param cascaded ids of those rooms whose leg here pipes to a leg on another node: the rooms another
 *     node may report too, named so that a reader counts each room once
 * @param links per other node, the pipes of these rooms to it, summed over the rooms
 * @param egressIds the ids of those egresses (a node runs a few: each is an ffmpeg), so a dispatcher
 *     finds an egress's node without reading room lists
 */
public record RoomTotals(int rooms, int peers, int producers, int consumers, int egresses, long bitrateIn, long bitrateOut,
        Map<String, Integer> peerRegions, List<String> cascaded, Map<String, LinkTotals> links, List<String> egressIds) {

    public RoomTotals {
        peerRegions = peerRegions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(peerRegions));
        cascaded = cascaded == null ? List.of() : List.copyOf(cascaded);
        links = links == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(links));
        egressIds = egressIds == null ? List.of() : List.copyOf(egressIds);
    }

    /**
     * The pipes of a node's rooms to one other node, seen from this node.
     *
     * @param rooms rooms with a pipe to that node
     * @param producersIn the other node's producers piped here
     * @param producersOut producers piped from here to the other node
     */
    public record LinkTotals(int rooms, int producersIn, int producersOut, long bitrateIn, long bitrateOut) {
    }

    /** Each namespace's totals over {@code rooms}, by namespace name. */
    public static Map<String, RoomTotals> byNamespace(List<RoomSnapshot> rooms) {
        Map<String, Builder> builders = new TreeMap<>();
        for (RoomSnapshot room : rooms) {
            builders.computeIfAbsent(room.key().namespace(), k -> new Builder()).add(room);
        }
        Map<String, RoomTotals> out = new TreeMap<>();
        builders.forEach((namespace, builder) -> out.put(namespace, builder.build()));
        return Collections.unmodifiableMap(out);
    }

    /** Totals summed up room by room. */
    private static final class Builder {
        private int rooms;
        private int peers;
        private int producers;
        private int consumers;
        private int egresses;
        private long bitrateIn;
        private long bitrateOut;
        private final Map<String, Integer> peerRegions = new TreeMap<>();
        private final List<String> cascaded = new ArrayList<>();
        private final Map<String, long[]> links = new TreeMap<>();
        private final List<String> egressIds = new ArrayList<>();

        void add(RoomSnapshot room) {
            rooms++;
            egresses += room.egresses().size();
            room.egresses().forEach(egress -> egressIds.add(egress.id()));
            for (RoomSnapshot.Peer peer : room.peers()) {
                peers++;
                producers += peer.producers().size();
                consumers += peer.consumers();
                bitrateIn += peer.bitrateIn();
                bitrateOut += peer.bitrateOut();
                peerRegions.merge(peer.region() == null ? "" : peer.region(), 1, Integer::sum);
            }
            if (!room.links().isEmpty()) {
                cascaded.add(room.key().roomId());
            }
            for (RoomSnapshot.Link link : room.links()) {
                long[] f = links.computeIfAbsent(link.nodeId(), k -> new long[5]);
                f[0]++;
                f[1] += link.producersIn();
                f[2] += link.producersOut();
                f[3] += link.bitrateIn();
                f[4] += link.bitrateOut();
            }
        }

        RoomTotals build() {
            Map<String, LinkTotals> linkTotals = new TreeMap<>();
            links.forEach((node, f) -> linkTotals.put(node, new LinkTotals((int) f[0], (int) f[1], (int) f[2], f[3], f[4])));
            return new RoomTotals(rooms, peers, producers, consumers, egresses, bitrateIn, bitrateOut, peerRegions, cascaded,
                    linkTotals, egressIds);
        }
    }
}
