package org.mscluster.mediasoup.rtp;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Defensive copies for the records of this package. Unlike {@code List.copyOf}, they keep {@code null}
 * (absent stays absent) and {@code null} elements (which the ortc validation rejects with mediasoup's
 * own error), and maps keep their insertion order, which is the order clients see in JSON.
 *
 * <p>A copy is made once: what these methods return is passed back as it is, so records derived from
 * other records ({@code withX}, {@code toBuilder()}, ortc's results, which reuse the lists and maps of
 * their inputs) do not copy again. The copies are small arrays rather than hash maps: codec parameters
 * have a handful of entries, and every produce and consume builds a few dozen of these records.
 */
final class Immutables {

    private Immutables() {
    }

    static <T> List<T> list(List<T> list) {
        if (list == null || list instanceof FrozenList) {
            return list;
        }
        return new FrozenList<>(list.toArray());
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> map(Map<String, V> map) {
        if (map == null || map instanceof FrozenMap) {
            return map;
        }
        if (map.isEmpty()) {
            return (Map<String, V>) FrozenMap.EMPTY;
        }
        String[] keys = new String[map.size()];
        Object[] values = new Object[keys.length];
        int i = 0;
        for (Map.Entry<String, V> entry : map.entrySet()) {
            keys[i] = entry.getKey();
            values[i] = entry.getValue();
            i++;
        }
        return new FrozenMap<>(keys, values);
    }

    /** An unmodifiable list over an array nobody else holds. */
    private static final class FrozenList<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] elements;

        FrozenList(Object[] elements) {
            this.elements = elements;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            return (T) elements[index];
        }

        @Override
        public int size() {
            return elements.length;
        }
    }

    /** An unmodifiable map in insertion order over arrays nobody else holds; lookups scan (a few entries). */
    private static final class FrozenMap<V> extends AbstractMap<String, V> {
        static final FrozenMap<Object> EMPTY = new FrozenMap<>(new String[0], new Object[0]);

        private final String[] keys;
        private final Object[] values;

        FrozenMap(String[] keys, Object[] values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public int size() {
            return keys.length;
        }

        @Override
        public boolean isEmpty() {
            return keys.length == 0;
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get(Object key) {
            int index = indexOf(key);
            return index >= 0 ? (V) values[index] : null;
        }

        private int indexOf(Object key) {
            for (int i = 0; i < keys.length; i++) {
                if (Objects.equals(keys[i], key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Set<Map.Entry<String, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, V>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < keys.length;
                        }

                        @Override
                        @SuppressWarnings("unchecked")
                        public Map.Entry<String, V> next() {
                            if (next >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            int index = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(keys[index], (V) values[index]);
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
        }
    }
}
