package org.mscluster.mediasoup.fbs;

import com.google.flatbuffers.FlatBufferBuilder;

/**
 * Writes the schema's optional scalars ({@code field: type = null}).
 *
 * <p>The Java code flatc 2.0.8 generates for them is wrong in two ways: {@code addX} skips a value
 * equal to the type's zero (so {@code ordered: false} or {@code maxBitrate: 0} would reach the
 * worker as "absent"), and {@code createX} adds some fields twice. These helpers write the value
 * into its slot unconditionally, and nothing at all for {@code null}; call them between
 * {@code startX} and {@code endX} with the field's index in the table (its position in the schema,
 * counting from 0).
 */
public final class OptionalFields {

    private OptionalFields() {
    }

    public static void addBool(FlatBufferBuilder builder, int slot, Boolean value) {
        if (value != null) {
            builder.addBoolean(value);
            builder.slot(slot);
        }
    }

    /** A {@code uint8}/{@code int8} field. */
    public static void addByte(FlatBufferBuilder builder, int slot, Integer value) {
        if (value != null) {
            builder.addByte((byte) value.intValue());
            builder.slot(slot);
        }
    }

    /** A {@code uint16}/{@code int16} field. */
    public static void addShort(FlatBufferBuilder builder, int slot, Integer value) {
        if (value != null) {
            builder.addShort((short) value.intValue());
            builder.slot(slot);
        }
    }

    /** A {@code uint32}/{@code int32} field; unsigned values up to 2^32-1 fit a {@code long}. */
    public static void addInt(FlatBufferBuilder builder, int slot, Long value) {
        if (value != null) {
            builder.addInt((int) value.longValue());
            builder.slot(slot);
        }
    }

    /** A {@code uint64}/{@code int64} field. */
    public static void addLong(FlatBufferBuilder builder, int slot, Long value) {
        if (value != null) {
            builder.addLong(value);
            builder.slot(slot);
        }
    }

    public static void addDouble(FlatBufferBuilder builder, int slot, Double value) {
        if (value != null) {
            builder.addDouble(value);
            builder.slot(slot);
        }
    }
}
