package org.mscluster.cluster.model;

import java.util.Objects;

/**
 * Where the first user of a room comes from, as far as the entry point could tell.
 *
 * @param isp lower-case carrier name, empty when unknown
 * @param address the client's IP literal, empty when unknown; kept for logs
 */
public record ClientInfo(RegionPath region, String isp, String address) {
    public ClientInfo {
        Objects.requireNonNull(region, "region");
        isp = NodeIdentity.normaliseIsp(isp);
        address = address == null ? "" : address;
    }

    public static ClientInfo unknown() {
        return new ClientInfo(RegionPath.UNKNOWN, "", "");
    }

    public static ClientInfo of(String region, String isp) {
        return new ClientInfo(RegionPath.parse(region), isp, "");
    }
}
