package org.mscluster.cluster.placement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.RoomKey;

/**
 * Decides where a new room goes: a pure function of the live nodes, the room and the first
 * client, so that every dispatcher and node given the same view decides the same way, and the
 * whole behaviour is testable without Redis or sockets.
 *
 * <p>Implementations must be deterministic (equal inputs, equal answer, whatever the order of
 * {@code candidates}) and must not block.
 */
@FunctionalInterface
public interface PlacementPolicy {
    /**
     * @param candidates the nodes the registry currently reports as live
     * @return the chosen node and worker, or empty when no candidate may take the room
     */
    Optional<PlacementChoice> select(List<Candidate> candidates, RoomKey room, ClientInfo client);

    /**
     * How many candidates the policy would refuse for each reason, so that "no node available"
     * errors can say why. Policies without reasons to give return an empty map.
     */
    default Map<Eligibility, Integer> explain(List<Candidate> candidates, RoomKey room) {
        return Map.of();
    }

    /**
     * What of a request {@link #select} depends on besides the candidates, for a placer to reuse one
     * answer for every request with an equal key on the same candidates: a dispatcher's requests come
     * from a few regions and ISPs, and ranking a thousand candidates for each is what a decision would
     * otherwise spend its CPU on. Null, the default, when the answer may depend on anything.
     */
    default Object choiceKey(RoomKey room, ClientInfo client) {
        return null;
    }

    /**
     * The best {@code k} candidates that may take the room, in {@link #select}'s order (the first is
     * what {@code select} chooses), for a placer that chooses again after claims: a claim only adds
     * rooms to a node, which never makes it rank better, so the best of a shortlist stays the best of
     * all while it ranks before the first candidate left out. Null, the default, when the policy has
     * no such order; the placer then calls {@code select} every time.
     */
    default List<Candidate> ranked(List<Candidate> candidates, RoomKey room, ClientInfo client, int k) {
        return null;
    }
}
