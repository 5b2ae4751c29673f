package org.mscluster.cluster.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RegionPath;

class CidrTableTest {
    private static final CidrTable TABLE = CidrTable.parse(new StringReader("""
            # cidr            region          isp
            10.0.0.0/8        asia/cn/east    telecom
            10.20.0.0/16      asia/cn/north   unicom     # more specific wins
            10.20.30.40       asia/cn/north/bj unicom
            192.168.0.0/16    -               mobile
            2001:db8::/32     europe/de       -
            2001:db8:1::/48   europe/de/berlin telekom
            """));

    @Test
    void longestPrefixWins() {
        assertThat(region("10.1.2.3")).isEqualTo("asia/cn/east");
        assertThat(region("10.20.1.1")).isEqualTo("asia/cn/north");
        assertThat(region("10.20.30.40")).isEqualTo("asia/cn/north/bj");
        assertThat(TABLE.lookup("10.20.1.1").orElseThrow().isp()).isEqualTo("unicom");
    }

    @Test
    void ipv6() {
        assertThat(region("2001:db8:ffff::1")).isEqualTo("europe/de");
        assertThat(region("2001:db8:1:2::1")).isEqualTo("europe/de/berlin");
        assertThat(region("[2001:db8:1::5]")).isEqualTo("europe/de/berlin");
        assertThat(TABLE.lookup("2001:db8::1").orElseThrow().isp()).isEmpty();
    }

    @Test
    void ipv4MappedIpv6MatchesIpv4Rules() {
        assertThat(region("::ffff:10.20.30.40")).isEqualTo("asia/cn/north/bj");
    }

    @Test
    void unknownFields() {
        var rule = TABLE.lookup("192.168.1.1").orElseThrow();
        assertThat(rule.region()).isEqualTo(RegionPath.UNKNOWN);
        assertThat(rule.isp()).isEqualTo("mobile");
    }

    @Test
    void missesAndNonAddresses() {
        assertThat(TABLE.lookup("172.16.0.1")).isEmpty();
        assertThat(TABLE.lookup("2002::1")).isEmpty();
        assertThat(TABLE.lookup("example.com")).isEmpty(); // never resolved
        assertThat(TABLE.lookup("10.0.0")).isEmpty();
        assertThat(TABLE.lookup("10.0.0.256")).isEmpty();
        assertThat(TABLE.lookup("")).isEmpty();
        assertThat(TABLE.lookup((String) null)).isEmpty();
        assertThat(CidrTable.EMPTY.lookup("10.0.0.1")).isEmpty();
    }

    @Test
    void aDefaultRouteCatchesEverything() {
        CidrTable t = new CidrTable(java.util.List.of(CidrTable.parseRule("0.0.0.0/0 earth -"),
                CidrTable.parseRule("::/0 earth6 -")));
        assertThat(t.lookup("8.8.8.8").orElseThrow().region()).hasToString("earth");
        assertThat(t.lookup("2a00::1").orElseThrow().region()).hasToString("earth6");
    }

    @Test
    void blocksClearHostBits() {
        assertThat(CidrBlock.parse("10.1.2.3/8")).isEqualTo(CidrBlock.parse("10.0.0.0/8"));
        assertThat(CidrBlock.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(CidrBlock.parse("2001:db8::1/32").prefixLength()).isEqualTo(32);
        assertThat(CidrBlock.parse("10.255.0.0/9").contains(new byte[] {10, (byte) 200, 0, 1})).isTrue();
        assertThat(CidrBlock.parse("10.0.0.0/9").contains(new byte[] {10, (byte) 200, 0, 1})).isFalse();
    }

    @Test
    void badLinesSayWhere() {
        assertThatThrownBy(() -> CidrTable.parse(new StringReader("10.0.0.0/8 asia\n10.0.0.0/33 asia\n")))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> CidrTable.parseRule("10.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CidrTable.parseRule("host.example/8 asia")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CidrBlock.parse("::/129")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String region(String address) {
        return TABLE.lookup(address).orElseThrow().region().toString();
    }
}
