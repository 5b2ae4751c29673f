package org.mscluster.cluster.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.RegionPath;

class ClientLocatorTest {
    private final ClientLocator locator = new ClientLocator(new CidrTable(List.of(
            CidrTable.parseRule("10.0.0.0/8 asia/cn/east telecom"),
            CidrTable.parseRule("fd00::/8 europe/de telekom"))));

    @Test
    void explicitValuesWin() {
        ClientInfo c = locator.locate("asia/cn/north", "Unicom", "10.1.1.1");
        assertThat(c.region()).hasToString("asia/cn/north");
        assertThat(c.isp()).isEqualTo("unicom");
        assertThat(c.address()).isEqualTo("10.1.1.1");
    }

    @Test
    void theTableFillsWhatTheQueryLeavesOut() {
        assertThat(locator.locate(null, null, "10.1.1.1")).isEqualTo(new ClientInfo(
                RegionPath.parse("asia/cn/east"), "telecom", "10.1.1.1"));
        assertThat(locator.locate("asia/cn/east/sh", "", "10.1.1.1").isp()).isEqualTo("telecom");
        assertThat(locator.locate(" ", "mobile", "10.1.1.1").region()).hasToString("asia/cn/east");
        assertThat(locator.locate(null, null, "fd00::7").region()).hasToString("europe/de");
    }

    @Test
    void unknownWhenNeitherKnows() {
        ClientInfo c = locator.locate(null, null, "192.0.2.1");
        assertThat(c.region()).isEqualTo(RegionPath.UNKNOWN);
        assertThat(c.isp()).isEmpty();
        assertThat(locator.locate(null, null, null)).isEqualTo(ClientInfo.unknown());
    }

    @Test
    void anInvalidExplicitRegionIsAnError() {
        assertThatThrownBy(() -> locator.locate("asia/<script>", null, "10.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
