package org.mscluster.mediasoup.fbs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Reads FlatBuffers vectors into unmodifiable lists, as Node's {@code fbsUtils.parseVector}: the
 * generated Java only offers {@code x(i)} and {@code xLength()}.
 */
public final class FbsVectors {

    private FbsVectors() {
    }

    public static <T> List<T> list(int length, IntFunction<T> element) {
        List<T> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(element.apply(i));
        }
        return List.copyOf(list);
    }

    /** Integer vectors ({@code [uint8]}, {@code [uint16]}, …) as boxed integers. */
    public static List<Integer> ints(int length, IntFunction<Integer> element) {
        return list(length, element);
    }

    /** {@code values} as an {@code int[]} for the generated {@code createXVector} methods. */
    public static int[] toArray(List<Integer> values) {
        if (values == null) {
            return new int[0];
        }
        int[] array = new int[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
