package org.mscluster.mediasoup.rtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the records of this package. Unlike {@code List.copyOf}, they keep {@code null}
 * (absent stays absent) and {@code null} elements (which the ortc validation rejects with mediasoup's
 * own error), and maps keep their insertion order, which is the order clients see in JSON.
 */
final class Immutables {

    private Immutables() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <V> Map<String, V> map(Map<String, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
