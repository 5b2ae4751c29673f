package org.mscluster.mediasoup.fbs;

import org.mscluster.mediasoup.errors.TypeError;

/**
 * The lookups every API enum makes, written once: from the Node layer's name, and from the worker's
 * FlatBuffers number. The constants declare their pairs; these find the constant.
 */
public final class EnumMappings {

    private EnumMappings() {
    }

    /** The constant of {@code type} named {@code value}, or {@code null} for any other value (as Node's checks see it). */
    public static <E extends Enum<E> & WireValue> E fromValue(Class<E> type, String value) {
        for (E candidate : type.getEnumConstants()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The constant of {@code type} the worker numbers {@code fbs}.
     *
     * @param schemaName the FlatBuffers enum, for the error
     * @throws TypeError when no constant has that number (a worker newer than this layer)
     */
    public static <E extends Enum<E> & FbsValue> E fromFbs(Class<E> type, int fbs, String schemaName) {
        for (E candidate : type.getEnumConstants()) {
            if (candidate.toFbs() == fbs) {
                return candidate;
            }
        }
        throw new TypeError("invalid " + schemaName + ": " + fbs);
    }

    /**
     * The distinct FlatBuffers codes of {@code types}, in order, for a request that names a set of them
     * (the worker keeps a set anyway).
     *
     * @throws TypeError for a null list or entry, as Node raises for a non-array or non-string
     */
    public static <E> byte[] distinctCodes(java.util.Collection<E> types, java.util.function.ToIntFunction<E> code) {
        if (types == null) {
            throw new TypeError("types must be an array");
        }
        java.util.LinkedHashSet<E> distinct = new java.util.LinkedHashSet<>();
        for (E type : types) {
            if (type == null) {
                throw new TypeError("every type must be a string");
            }
            distinct.add(type);
        }
        byte[] codes = new byte[distinct.size()];
        int i = 0;
        for (E type : distinct) {
            codes[i++] = (byte) code.applyAsInt(type);
        }
        return codes;
    }

    /**
     * The constants of {@code type} that {@code names} name; names this layer does not know are passed to
     * {@code unknown} and skipped, as the Node layer ignores them.
     *
     * @throws TypeError for a null array or name
     */
    public static <E extends Enum<E> & WireValue> java.util.List<E> known(Class<E> type, String[] names,
            java.util.function.Consumer<String> unknown) {
        if (names == null) {
            throw new TypeError("types must be an array");
        }
        java.util.List<E> known = new java.util.ArrayList<>();
        for (String name : names) {
            if (name == null) {
                throw new TypeError("every type must be a string");
            }
            E constant = fromValue(type, name);
            if (constant == null) {
                unknown.accept(name);
            } else {
                known.add(constant);
            }
        }
        return known;
    }
}
