package org.mscluster.mediasoup.rtp;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

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

    /**
     * An unmodifiable list over an array nobody else holds. Every mutator throws, whatever its
     * argument, as {@code Collections.unmodifiableList} does (AbstractList's would let an empty
     * {@code addAll} pass).
     */
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

        @Override
        public Iterator<T> iterator() {
            return listIterator(0);
        }

        @Override
        public ListIterator<T> listIterator() {
            return listIterator(0);
        }

        @Override
        @SuppressWarnings("unchecked")
        public ListIterator<T> listIterator(int index) {
            return Collections.unmodifiableList(Arrays.asList((T[]) elements)).listIterator(index);
        }

        @Override
        public List<T> subList(int fromIndex, int toIndex) {
            return Collections.unmodifiableList(super.subList(fromIndex, toIndex));
        }

        @Override
        public boolean add(T element) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(int index, T element) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean addAll(Collection<? extends T> added) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean addAll(int index, Collection<? extends T> added) {
            throw new UnsupportedOperationException();
        }

        @Override
        public T set(int index, T element) {
            throw new UnsupportedOperationException();
        }

        @Override
        public T remove(int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Object element) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeAll(Collection<?> removed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean retainAll(Collection<?> retained) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeIf(Predicate<? super T> filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceAll(UnaryOperator<T> operator) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sort(Comparator<? super T> comparator) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * An unmodifiable map in insertion order over arrays nobody else holds; lookups scan (a few
     * entries). Every mutator, and those of its views, throws whatever its argument, as
     * {@code Collections.unmodifiableMap} does.
     */
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
            return Collections.unmodifiableSet(new AbstractSet<>() {
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
            });
        }

        @Override
        public Set<String> keySet() {
            return Collections.unmodifiableSet(super.keySet());
        }

        @Override
        public Collection<V> values() {
            return Collections.unmodifiableCollection(super.values());
        }

        @Override
        public V put(String key, V value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putAll(Map<? extends String, ? extends V> map) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V remove(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }

        @Override
        public V putIfAbsent(String key, V value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replace(String key, V oldValue, V newValue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V replace(String key, V value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceAll(BiFunction<? super String, ? super V, ? extends V> function) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V computeIfAbsent(String key, Function<? super String, ? extends V> function) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V computeIfPresent(String key, BiFunction<? super String, ? super V, ? extends V> function) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V compute(String key, BiFunction<? super String, ? super V, ? extends V> function) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V merge(String key, V value, BiFunction<? super V, ? super V, ? extends V> function) {
            throw new UnsupportedOperationException();
        }
    }
}
