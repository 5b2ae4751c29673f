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
}
