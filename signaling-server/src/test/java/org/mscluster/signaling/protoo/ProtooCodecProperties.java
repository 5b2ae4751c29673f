package org.mscluster.signaling.protoo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link ProtooCodec} over generated and mutated frames: whatever the text, {@code
 * decode} returns a well-formed message or throws {@link MalformedMessageException}, never anything
 * else, in bounded time; a message it decodes encodes and decodes to the same message.
 *
 * <p>The frames: arbitrary text (any BMP character, lone surrogates included), text near JSON
 * (its punctuation and keywords), character-level mutations of valid frames (deleted, inserted,
 * swapped, truncated, repeated spans), random JSON, valid messages whose fields were replaced by
 * values of every other type (huge and over-long numbers, {@code 1e400}, {@code -0}, strings with
 * lone surrogates, arrays, objects, nulls), removed or duplicated, nesting around {@link
 * ProtooCodec#MAX_NESTING_DEPTH}, and strings near the 1 MB frame limit. Together about 6,000 tries,
 * a few seconds.
 */
class ProtooCodecProperties {

    /** Far more than any decode of a frame under 1 MB takes; a quadratic parse would blow it. */
    private static final long MAX_DECODE_MILLIS = 2_000;
    /** Reads the JSON of generated frames without the codec's limits: the oracle of what the codec should see. */
    private static final ObjectMapper UNLIMITED = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build())
            .build());

    // ---- properties ----

    @Property(tries = 1500)
    void anyTextDecodesOrIsMalformed(@ForAll("frames") String text) {
        decode(text);
    }

    @Property(tries = 1000)
    void anyJsonDecodesAsItsShapeSays(@ForAll("json") String json) {
        Outcome outcome = decode(json);
        JsonNode root = readUnlimited(json);
        assertThat(outcome.malformed().map(MalformedMessageException::tooDeep)).as("depth").isNotEqualTo(Optional.of(true));
        if (root == null || !root.isObject()) {
            assertThat(outcome.message()).as("not an object").isEmpty();
        }
    }

    @Property(tries = 1500)
    void mutatedMessagesDecodeExactlyWhenProtocolMdSaysTheyAreWellFormed(@ForAll("mutatedMessages") String text) {
        Outcome outcome = decode(text);
        Expected expected = expect(readUnlimited(text));
        if (outcome.message().isPresent()) {
            ProtooMessage message = outcome.message().get();
            assertThat(expected.kind()).as("decoded a message PROTOCOL.md calls malformed: %s", message).isNotNull();
            assertThat(message).isInstanceOf(expected.kind());
            if (message instanceof ProtooMessage.Request r) {
                assertThat(r.id()).isEqualTo(expected.id().getAsLong());
                assertThat(r.method()).isEqualTo(expected.method());
            } else if (message instanceof ProtooMessage.Response r) {
                assertThat(r.id()).isEqualTo(expected.id().getAsLong());
            } else if (message instanceof ProtooMessage.Notification n) {
                assertThat(n.method()).isEqualTo(expected.method());
            }
        } else {
            MalformedMessageException e = outcome.malformed().orElseThrow();
            assertThat(e.tooDeep()).as("shallow message refused as too deep: %s", e.getMessage()).isFalse();
            if (e.getMessage().equals(ProtooCodec.BEYOND_LIMITS)) {
                // Past what the parser reads (a number of over a thousand digits), whatever else it holds: no id was read.
                assertThat(e.requestId()).isEmpty();
            } else {
                assertThat(expected.kind()).as("refused a well-formed message: %s", e.getMessage()).isNull();
                // Only a request is answered, and only when its id can be read.
                assertThat(e.requestId()).isEqualTo(expected.request() ? expected.id() : OptionalLong.empty());
            }
        }
    }

    @Property(tries = 300)
    void nestingIsRefusedExactlyPastTheLimit(@ForAll @IntRange(min = 1, max = 2 * ProtooCodec.MAX_NESTING_DEPTH) int depth,
            @ForAll("nestingOpeners") List<Boolean> objects) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            boolean object = objects.get(i % objects.size());
            open.append(object ? "{\"k\":" : "[");
            close.insert(0, object ? "}" : "]");
        }
        Outcome outcome = decode("{\"request\":true,\"id\":7,\"method\":\"join\",\"data\":" + open + "1" + close + "}");
        // The message object is the first level.
        if (depth + 1 <= ProtooCodec.MAX_NESTING_DEPTH) {
            assertThat(outcome.message()).as("depth %d", depth).isPresent();
        } else {
            assertThat(outcome.malformed()).as("depth %d", depth).hasValueSatisfying(e -> assertThat(e.tooDeep()).isTrue());
        }
    }

    @Property(tries = 4)
    void stringsNearTheFrameLimitDecodeInBoundedTime(@ForAll @IntRange(min = 1_000_000, max = 1_048_000) int length,
            @ForAll("bmpChars") char fill) {
        String big = String.valueOf(fill).repeat(length);
        String text = "{\"request\":true,\"id\":1,\"method\":\"changeDisplayName\",\"data\":{\"displayName\":"
                + quote(big) + "}}";
        ProtooMessage message = decode(text).message().orElseThrow();
        assertThat(((ProtooMessage.Request) message).data().get("displayName").asText()).hasSize(length);
    }

    @Property(tries = 500)
    void validMessagesSurviveEncodeAndDecode(@ForAll("validMessages") ProtooMessage message) {
        String encoded = ProtooCodec.encode(message);
        ProtooMessage decoded = decode(encoded).message().orElseThrow(() -> new AssertionError("refused its own encoding: " + encoded));
        assertThat(ProtooCodec.encode(decoded)).isEqualTo(encoded);
        assertThat(decoded.getClass()).isEqualTo(message.getClass());
        if (message instanceof ProtooMessage.Request r) {
            ProtooMessage.Request d = (ProtooMessage.Request) decoded;
            assertThat(d.id()).isEqualTo(r.id());
            assertThat(d.method()).isEqualTo(r.method());
        } else if (message instanceof ProtooMessage.Response r) {
            ProtooMessage.Response d = (ProtooMessage.Response) decoded;
            assertThat(d.id()).isEqualTo(r.id());
            assertThat(d.ok()).isEqualTo(r.ok());
            assertThat(d.errorCode()).isEqualTo(r.errorCode());
            assertThat(d.errorReason()).isEqualTo(r.errorReason());
        } else {
            assertThat(((ProtooMessage.Notification) decoded).method()).isEqualTo(((ProtooMessage.Notification) message).method());
        }
    }

    // ---- decoding, and what a decoded message must look like ----

    /** A decoded message, or the codec's refusal; anything else it throws fails the property. */
    private record Outcome(Optional<ProtooMessage> message, Optional<MalformedMessageException> malformed) {
    }

    private static Outcome decode(String text) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
            ProtooMessage message = ProtooCodec.decode(text);
            assertWellFormed(message);
            outcome = new Outcome(Optional.of(message), Optional.empty());
        } catch (MalformedMessageException e) {
            assertThat(e.getMessage()).isNotBlank();
            outcome = new Outcome(Optional.empty(), Optional.of(e));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("decode of %d chars", text.length()).isLessThan(MAX_DECODE_MILLIS);
        return outcome;
    }

    private static void assertWellFormed(ProtooMessage message) {
        if (message instanceof ProtooMessage.Request r) {
            assertThat(r.method()).isNotEmpty();
            assertThat(r.data()).isNotNull();
            assertThat(r.data().isNull() || r.data().isMissingNode()).isFalse();
        } else if (message instanceof ProtooMessage.Response r) {
            if (r.ok()) {
                assertThat(r.data()).isNotNull();
            } else {
                assertThat(r.errorReason()).isNotNull();
            }
        } else if (message instanceof ProtooMessage.Notification n) {
            assertThat(n.method()).isNotEmpty();
            assertThat(n.data()).isNotNull();
        }
    }

    /** What PROTOCOL.md makes of a JSON value: a message kind with its id and method, or null for malformed. */
    private record Expected(Class<? extends ProtooMessage> kind, OptionalLong id, String method, boolean request) {
    }

    private static Expected expect(JsonNode root) {
        if (root == null || !root.isObject()) {
            return new Expected(null, OptionalLong.empty(), null, false);
        }
        OptionalLong id = root.path("id").isIntegralNumber() && root.path("id").canConvertToLong()
                ? OptionalLong.of(root.path("id").longValue()) : OptionalLong.empty();
        String method = root.path("method").isTextual() && !root.path("method").asText().isEmpty() ? root.path("method").asText() : null;
        if (root.path("request").isBoolean() && root.path("request").booleanValue()) {
            return method != null && id.isPresent() ? new Expected(ProtooMessage.Request.class, id, method, true)
                    : new Expected(null, id, null, true);
        }
        if (root.path("response").isBoolean() && root.path("response").booleanValue()) {
            return new Expected(id.isPresent() ? ProtooMessage.Response.class : null, id, null, false);
        }
        if (root.path("notification").isBoolean() && root.path("notification").booleanValue()) {
            return new Expected(method != null ? ProtooMessage.Notification.class : null, OptionalLong.empty(), method, false);
        }
        return new Expected(null, OptionalLong.empty(), null, false);
    }

    private static JsonNode readUnlimited(String json) {
        try {
            return UNLIMITED.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("the generator made invalid JSON: " + json, e);
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<String> frames() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(200)),
                Tuple.of(3, Arbitraries.strings().withChars("{}[]\":,.0123456789eE+-\\ntrufalsu").ofMaxLength(120)),
                Tuple.of(1, Arbitraries.strings().withChars("{}[]\":,").ofMaxLength(80)),
                Tuple.of(6, mutatedMessages().flatMap(ProtooCodecProperties::charMutations)),
                Tuple.of(2, json()));
    }

    /** Character-level damage to a frame: the classic frame fuzzer. */
    private static Arbitrary<String> charMutations(String frame) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, frame.length());
        Arbitrary<Character> anyChar = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of('{', '}', '[', ']', '"', ':', ',', '\\', '0', '-', 'e', '.', ' ', '\u0000')),
                Tuple.of(2, bmpChars()),
                Tuple.of(1, loneSurrogates()));
        return Combinators.combine(at, at, anyChar, Arbitraries.integers().between(0, 4)).as((a, b, c, kind) -> {
            int from = Math.min(a, b);
            int to = Math.max(a, b);
            switch (kind) {
                case 0:
                    return frame.substring(0, from) + frame.substring(to);
                case 1:
                    return frame.substring(0, from) + c + frame.substring(from);
                case 2:
                    return from < frame.length() ? frame.substring(0, from) + c + frame.substring(from + 1) : frame + c;
                case 3:
                    return frame.substring(0, from);
                default:
                    return frame.substring(0, to) + frame.substring(from, to) + frame.substring(to);
            }
        });
    }

    @Provide
    Arbitrary<String> json() {
        return json(4);
    }

    private static Arbitrary<String> json(int depth) {
        return json(depth, true);
    }

    /** JSON text nested up to {@code depth}; {@code overLong}: with numbers past the parser's 1,000 digits now and then. */
    private static Arbitrary<String> json(int depth, boolean overLong) {
        if (depth == 0) {
            return jsonLeaf(overLong);
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1, overLong));
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(values -> "[" + String.join(",", values) + "]");
        Arbitrary<String> object = Combinators.combine(keys(), inner).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.frequencyOf(Tuple.of(4, jsonLeaf(overLong)), Tuple.of(1, array), Tuple.of(2, object));
    }

    private static Arbitrary<String> jsonLeaf() {
        return jsonLeaf(true);
    }

    /** A scalar of any JSON type, with the edge values a handler might choke on. */
    private static Arbitrary<String> jsonLeaf(boolean overLong) {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("null", "true", "false", "0", "-0", "1.0", "0.5", "-1", "1e400", "-1e400",
                        "1E-400", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
                        "-9223372036854775809", "18446744073709551616", "1e18", "\"\"")),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0")),
                // Long runs of digits, past Jackson's 1,000-digit limit now and then.
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(overLong ? 1_200 : 1_000)
                        .filter(s -> s.charAt(0) != '0')),
                Tuple.of(3, strings().map(ProtooCodecProperties::quote)),
                Tuple.of(1, Arbitraries.of("\"\\ud800\"", "\"\\udfff x\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"")));
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.strings().alpha().numeric().ofMaxLength(12)),
                Tuple.of(6, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(3, Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(4), loneSurrogates())
                        .as((s, c) -> s + c)),
                Tuple.of(1, Arbitraries.integers().between(1_000, 5_000).map("x"::repeat)));
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("request", "response", "notification", "id", "method", "data", "ok",
                        "errorCode", "errorReason", "transportId", "__proto__", "")),
                Tuple.of(3, strings().map(s -> s.length() > 100 ? s.substring(0, 100) : s)));
    }

    /**
     * Valid protoo messages, as text with members in any order, then one to three mutations: a
     * member's value replaced by any JSON value, a member removed, added or repeated.
     */
    @Provide
    Arbitrary<String> mutatedMessages() {
        Arbitrary<Map<String, String>> base = Arbitraries.oneOf(
                Combinators.combine(ids(), methods(), json(3)).as((id, m, d) -> members("request", "true", "id", id, "method", quote(m), "data", d)),
                Combinators.combine(ids(), json(3)).as((id, d) -> members("response", "true", "id", id, "ok", "true", "data", d)),
                Combinators.combine(ids(), Arbitraries.integers(), strings()).as((id, code, reason) ->
                        members("response", "true", "id", id, "ok", "false", "errorCode", String.valueOf(code), "errorReason", quote(reason))),
                Combinators.combine(methods(), json(3)).as((m, d) -> members("notification", "true", "method", quote(m), "data", d)));
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 3), keys(), jsonLeaf(), json(2))
                .as(Mutation::new);
        return Combinators.combine(base, mutation.list().ofMinSize(0).ofMaxSize(3)).as((members, mutations) -> {
            List<String[]> entries = new ArrayList<>();
            members.forEach((k, v) -> entries.add(new String[] {k, v}));
            for (Mutation m : mutations) {
                m.apply(entries);
            }
            List<String> parts = new ArrayList<>();
            for (String[] entry : entries) {
                parts.add(quote(entry[0]) + ":" + entry[1]);
            }
            return "{" + String.join(",", parts) + "}";
        });
    }

    private record Mutation(int kind, String key, String leaf, String value) {
        void apply(List<String[]> entries) {
            int index = entries.isEmpty() ? -1 : Math.floorMod(key.hashCode(), entries.size());
            switch (kind) {
                case 0 -> {
                    if (index >= 0) {
                        entries.get(index)[1] = leaf;
                    }
                }
                case 1 -> {
                    if (index >= 0) {
                        entries.get(index)[1] = value;
                    }
                }
                case 2 -> {
                    if (index >= 0) {
                        entries.remove(index);
                    }
                }
                default -> entries.add(new String[] {key, leaf});
            }
        }
    }

    private static Map<String, String> members(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(0, 10_000_000).map(String::valueOf)),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e3",
                        "1.5", "\"7\"", "null", "true", "[]", "{}")));
    }

    private static Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("join", "produce", "getRouterRtpCapabilities", "newConsumer", "activeSpeaker")),
                Tuple.of(2, strings()));
    }

    @Provide
    Arbitrary<ProtooMessage> validMessages() {
        Arbitrary<JsonNode> data = json(3, false).map(ProtooCodecProperties::readUnlimited);
        Arbitrary<String> method = strings().filter(s -> !s.isEmpty());
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.longs(), method, data).as(ProtooMessage.Request::new),
                Combinators.combine(Arbitraries.longs(), data).as(ProtooMessage.Response::success),
                Combinators.combine(Arbitraries.longs(), Arbitraries.integers(), strings()).as(ProtooMessage.Response::error),
                Combinators.combine(method, data).as(ProtooMessage.Notification::new));
    }

    @Provide
    Arbitrary<List<Boolean>> nestingOpeners() {
        return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    static Arbitrary<Character> bmpChars() {
        return Arbitraries.chars().all().filter(c -> !Character.isSurrogate(c));
    }

    private static Arbitrary<Character> loneSurrogates() {
        return Arbitraries.chars().range('\uD800', '\uDFFF');
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
