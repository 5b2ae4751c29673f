package org.mscluster.mediasoup.fbs;

import FBS.RtpParameters.Integer32Array;
import FBS.RtpParameters.Parameter;
import FBS.RtpParameters.StringValue;
import FBS.RtpParameters.Value;
import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.mscluster.mediasoup.errors.TypeError;

/**
 * Codec and header-extension parameters ({@code {key: value}} in JSON) to and from the schema's
 * {@code [Parameter]} with its {@code Value} union, as Node's {@code serializeParameters} and
 * {@code parseParameters}.
 *
 * <p>Whole numbers travel as {@code Integer32} and others as {@code Double}, whatever their Java
 * type, because JSON (and Node) has one number type: {@code 1.0} is {@code 1}. Unlike Node, which
 * reads a {@code Boolean} back as {@code 0}/{@code 1}, a boolean comes back a {@code Boolean}, so
 * what a Java caller put in is what it reads.
 */
public final class ParametersFbs {

    private ParametersFbs() {
    }

    /** Builds one {@code Parameter} per entry, in the map's order; returns their offsets. */
    public static int[] serialize(FlatBufferBuilder builder, Map<String, Object> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return new int[0];
        }
        int[] offsets = new int[parameters.size()];
        int i = 0;
        for (Map.Entry<String, Object> entry : parameters.entrySet()) {
            offsets[i++] = serializeParameter(builder, entry.getKey(), entry.getValue());
        }
        return offsets;
    }

    private static int serializeParameter(FlatBufferBuilder builder, String key, Object value) {
        int keyOffset = builder.createString(key);
        byte type;
        int valueOffset;
        if (value instanceof Boolean bool) {
            type = Value.Boolean;
            valueOffset = FBS.RtpParameters.Boolean.createBoolean(builder, bool ? 1 : 0);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (d % 1 == 0) {
                type = Value.Integer32;
                valueOffset = FBS.RtpParameters.Integer32.createInteger32(builder, number.intValue());
            } else {
                type = Value.Double;
                valueOffset = FBS.RtpParameters.Double.createDouble(builder, d);
            }
        } else if (value instanceof String string) {
            type = Value.StringValue;
            valueOffset = StringValue.createStringValue(builder, builder.createString(string));
        } else if (value instanceof List<?> list) {
            type = Value.Integer32Array;
            valueOffset = Integer32Array.createInteger32Array(builder,
                    Integer32Array.createValueVector(builder, integers(key, list)));
        } else {
            throw new TypeError("invalid parameter type [key:'" + key + "', value:" + value + "]");
        }
        return Parameter.createParameter(builder, keyOffset, type, valueOffset);
    }

    private static int[] integers(String key, List<?> list) {
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(list.get(i) instanceof Number number)) {
                throw new TypeError("invalid parameter type [key:'" + key + "', value:" + list + "]");
            }
            values[i] = number.intValue();
        }
        return values;
    }

    /** Reads {@code length} parameters given by {@code parameter}; unknown union members are skipped. */
    public static Map<String, Object> parse(int length, IntFunction<Parameter> parameter) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            Parameter fbs = parameter.apply(i);
            Object value = parseValue(fbs);
            if (value != null) {
                parameters.put(fbs.name(), value);
            }
        }
        return Collections.unmodifiableMap(parameters);
    }

    private static Object parseValue(Parameter fbs) {
        switch (fbs.valueType()) {
            case Value.Boolean: {
                FBS.RtpParameters.Boolean value = (FBS.RtpParameters.Boolean) fbs.value(new FBS.RtpParameters.Boolean());
                return value.value() != 0;
            }
            case Value.Integer32: {
                FBS.RtpParameters.Integer32 value = (FBS.RtpParameters.Integer32) fbs.value(new FBS.RtpParameters.Integer32());
                return value.value();
            }
            case Value.Double: {
                FBS.RtpParameters.Double value = (FBS.RtpParameters.Double) fbs.value(new FBS.RtpParameters.Double());
                return value.value();
            }
            case Value.StringValue: {
                StringValue value = (StringValue) fbs.value(new StringValue());
                return value.value();
            }
            case Value.Integer32Array: {
                Integer32Array value = (Integer32Array) fbs.value(new Integer32Array());
                List<Integer> list = new ArrayList<>(value.valueLength());
                for (int i = 0; i < value.valueLength(); i++) {
                    list.add(value.value(i));
                }
                return List.copyOf(list);
            }
            default:
                return null;
        }
    }
}
