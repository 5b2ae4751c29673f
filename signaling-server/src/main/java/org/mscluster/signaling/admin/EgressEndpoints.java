package org.mscluster.signaling.admin;

import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.http.RouteRequest;

/**
 * The egress routes of the admin API, after its token check: served by the node that runs the egress
 * ({@code egress.EgressApi}), or relayed there by a dispatcher ({@code egress.EgressRelay}).
 */
public interface EgressEndpoints {

    /** {@code GET|POST /api/rooms/{namespace}/{roomId}/egress}; the scope sees the room's namespace. */
    CompletionStage<JsonResponse> room(RouteRequest request, AdminScope scope, RoomKey room);

    /** {@code GET|DELETE /api/egress/{egressId}}. */
    CompletionStage<JsonResponse> egress(RouteRequest request, AdminScope scope);
}
