package org.mscluster.cluster.locate;

import java.util.Objects;
import java.util.Optional;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.RegionPath;

/**
 * Works out where a client comes from: explicit query values win (an app that knows its user's
 * region better than any address table says so), otherwise the configured CIDR table is asked
 * about the client's address. Region and ISP are resolved independently, so a client may state
 * its region and still have its carrier looked up.
 */
public final class ClientLocator {
    private final CidrTable table;

    public ClientLocator(CidrTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * @param region the {@code region} query value, or null/blank
     * @param isp the {@code isp} query value, or null/blank
     * @param address the client's IP literal (not a host name), or null
     * @throws IllegalArgumentException when {@code region} is given but is not a valid region path
     *     (the HTTP layer answers 400: silently ignoring it would place rooms far from the user)
     */
    public ClientInfo locate(String region, String isp, String address) {
        Optional<CidrRule> rule = Optional.empty();
        boolean needRegion = region == null || region.isBlank();
        boolean needIsp = isp == null || isp.isBlank();
        if ((needRegion || needIsp) && address != null) {
            rule = table.lookup(address);
        }
        RegionPath resolvedRegion = needRegion
                ? rule.map(CidrRule::region).orElse(RegionPath.UNKNOWN)
                : RegionPath.parse(region);
        String resolvedIsp = needIsp ? rule.map(CidrRule::isp).orElse("") : isp;
        return new ClientInfo(resolvedRegion, resolvedIsp, address);
    }
}
