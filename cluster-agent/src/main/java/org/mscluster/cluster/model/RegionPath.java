package org.mscluster.cluster.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A region as a path from the most general to the most specific place, e.g. {@code asia/cn/east}.
 *
 * <p>Paths make global, national and regional deployments one mechanism: the closeness of a node
 * to a user is the depth of their longest common prefix, whatever depth the operator chose to
 * describe. The empty path ({@link #UNKNOWN}) is a prefix of everything and close to nothing.
 */
public record RegionPath(List<String> segments) {
    /** The region of a client or node nobody located. */
    public static final RegionPath UNKNOWN = new RegionPath(List.of());

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final int MAX_DEPTH = 16;

    public RegionPath {
        segments = List.copyOf(segments);
        if (segments.size() > MAX_DEPTH) {
            throw new IllegalArgumentException("region path deeper than " + MAX_DEPTH + " segments");
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches()) {
                throw new IllegalArgumentException(
                        "region segment must be 1-64 characters of [a-z0-9_-]: '" + s + "'");
            }
        }
        // Interned: placement compares every candidate's path with the client's for every decision,
        // and equal segments that are the same String compare at once.
        segments = segments.stream().map(String::intern).toList();
    }

    /**
     * Parses {@code asia/cn/east}. Case is folded and leading, trailing or doubled slashes are
     * ignored, because these values arrive from query strings and hand-written config files.
     * {@code null} and blank text give {@link #UNKNOWN}.
     */
    public static RegionPath parse(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/");
        return new RegionPath(Arrays.stream(parts).filter(p -> !p.isEmpty()).toList());
    }

    public int depth() {
        return segments.size();
    }

    public boolean isUnknown() {
        return segments.isEmpty();
    }

    /** How many leading segments the two paths share: 2 for {@code asia/cn/east} and {@code asia/cn/north}. */
    public int commonPrefixDepth(RegionPath other) {
        int n = Math.min(segments.size(), other.segments.size());
        int i = 0;
        while (i < n && segments.get(i).equals(other.segments.get(i))) {
            i++;
        }
        return i;
    }

    /** True when this path lies at or below {@code ancestor}. */
    public boolean isWithin(RegionPath ancestor) {
        return commonPrefixDepth(ancestor) == ancestor.depth();
    }

    @Override
    public String toString() {
        return String.join("/", segments);
    }
}
