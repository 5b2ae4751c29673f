package org.mscluster.mediasoup.consumer;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Spatial and temporal layer of a simulcast or SVC consumer; {@code temporalLayer} {@code null}
 * means "the highest". Both are boxed so that a missing spatial layer reaches
 * {@link Consumer#setPreferredLayers} and fails there with mediasoup's {@code TypeError}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsumerLayers(Integer spatialLayer, Integer temporalLayer) {

    public static ConsumerLayers of(int spatialLayer) {
        return new ConsumerLayers(spatialLayer, null);
    }

    public static ConsumerLayers of(int spatialLayer, int temporalLayer) {
        return new ConsumerLayers(spatialLayer, temporalLayer);
    }

    /** The layers of a consume response, a preferred-layers response or a layers-change notification. */
    public static ConsumerLayers fromFbs(FBS.Consumer.ConsumerLayers fbs) {
        return new ConsumerLayers(fbs.spatialLayer(), fbs.hasTemporalLayer() ? fbs.temporalLayer() : null);
    }
}
