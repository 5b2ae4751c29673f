package org.mscluster.cluster.locate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mscluster.cluster.model.RegionPath;

/**
 * Maps client addresses to region and ISP by longest-prefix match, IPv4 and IPv6 alike.
 *
 * <p>Lookups probe one hash map per distinct prefix length, longest first: at most 33 (IPv4) or
 * 129 (IPv6) probes whatever the table's size, so a national carrier table of tens of thousands
 * of lines costs the same as a handful.
 *
 * <p>Text format, one rule a line, {@code #} starts a comment, {@code -} for an unknown field:
 * <pre>
 * # cidr            region          isp
 * 10.0.0.0/8        asia/cn/east    telecom
 * 10.20.0.0/16      asia/cn/north   unicom
 * 2001:db8::/32     europe/de       -
 * </pre>
 */
public final class CidrTable {
    /** A table that locates nobody: the default when no table is configured. */
    public static final CidrTable EMPTY = new CidrTable(List.of());

    private final List<CidrRule> rules;
    private final TreeMap<Integer, Map<ByteBuffer, CidrRule>> ipv4 = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Integer, Map<ByteBuffer, CidrRule>> ipv6 = new TreeMap<>(Comparator.reverseOrder());

    public CidrTable(List<CidrRule> rules) {
        this.rules = List.copyOf(rules);
        for (CidrRule rule : this.rules) {
            var byLength = rule.block().addressLength() == 4 ? ipv4 : ipv6;
            // A later line for the same network replaces an earlier one, as in most config formats.
            byLength.computeIfAbsent(rule.block().prefixLength(), k -> new HashMap<>()).put(rule.block().key(), rule);
        }
    }

    public static CidrTable parse(Reader source) {
        List<CidrRule> rules = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(source)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (content.isEmpty()) {
                    continue;
                }
                try {
                    rules.add(parseRule(content));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("CIDR table line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CidrTable(rules);
    }

    /** Parses one {@code cidr region [isp]} rule. */
    public static CidrRule parseRule(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException("expected 'cidr region [isp]': " + text);
        }
        RegionPath region = "-".equals(fields[1]) ? RegionPath.UNKNOWN : RegionPath.parse(fields[1]);
        String isp = fields.length < 3 || "-".equals(fields[2]) ? "" : fields[2];
        return new CidrRule(CidrBlock.parse(fields[0]), region, isp);
    }

    public List<CidrRule> rules() {
        return rules;
    }

    /** The most specific rule covering {@code address} (an IP literal), if any. */
    public Optional<CidrRule> lookup(String address) {
        return IpLiterals.parse(address).flatMap(this::lookup);
    }

    Optional<CidrRule> lookup(byte[] address) {
        var byLength = address.length == 4 ? ipv4 : ipv6;
        for (var entry : byLength.entrySet()) {
            CidrRule rule = entry.getValue().get(ByteBuffer.wrap(CidrBlock.mask(address, entry.getKey())));
            if (rule != null) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
