package org.mscluster.mediasoup.rtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spatial and temporal layers of a {@code scalabilityMode} string (webrtc-svc), as Node's
 * {@code parseScalabilityMode}: {@code "L1T3"}, {@code "S3T3"}, {@code "L3T3_KEY"} (K-SVC).
 *
 * <p>Like Node, only the prefix is read ({@code "L2T2h"} parses as L2T2) and anything unparsable,
 * {@code null} included, means one spatial and one temporal layer, since that is what a stream
 * without layers has.
 */
public record ScalabilityMode(int spatialLayers, int temporalLayers, boolean ksvc) {

    private static final Pattern SCALABILITY_MODE = Pattern.compile("^[LS]([1-9]\\d?)T([1-9]\\d?)(_KEY)?");

    private static final ScalabilityMode SINGLE_LAYER = new ScalabilityMode(1, 1, false);

    public static ScalabilityMode parse(String scalabilityMode) {
        if (scalabilityMode == null) {
            return SINGLE_LAYER;
        }
        Matcher matcher = SCALABILITY_MODE.matcher(scalabilityMode);
        if (!matcher.lookingAt()) {
            return SINGLE_LAYER;
        }
        return new ScalabilityMode(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                matcher.group(3) != null);
    }
}
