package org.mscluster.cluster.locate;

import java.util.Objects;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RegionPath;

/**
 * One line of the client address table: clients in {@code block} come from {@code region} and
 * use carrier {@code isp}. Either may be unknown ({@link RegionPath#UNKNOWN}, empty ISP) so a table
 * can map carriers and regions separately.
 */
public record CidrRule(CidrBlock block, RegionPath region, String isp) {
    public CidrRule {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(region, "region");
        isp = NodeIdentity.normaliseIsp(isp);
    }
}
