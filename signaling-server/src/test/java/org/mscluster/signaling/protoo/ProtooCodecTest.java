package org.mscluster.signaling.protoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.json.Json;

class ProtooCodecTest {

    @Test
    void decodesARequestAndDefaultsItsDataToAnEmptyObject() throws Exception {
        ProtooMessage message = ProtooCodec.decode("{\"request\":true,\"id\":12,\"method\":\"join\"}");
        assertThat(message).isInstanceOf(ProtooMessage.Request.class);
        ProtooMessage.Request request = (ProtooMessage.Request) message;
        assertThat(request.id()).isEqualTo(12);
        assertThat(request.method()).isEqualTo("join");
        assertThat(request.data().isObject()).isTrue();
        assertThat(request.data().size()).isZero();
    }

    @Test
    void decodesSuccessAndErrorResponses() throws Exception {
        ProtooMessage.Response ok = (ProtooMessage.Response) ProtooCodec.decode(
                "{\"response\":true,\"id\":3,\"ok\":true,\"data\":{\"a\":1}}");
        assertThat(ok.ok()).isTrue();
        assertThat(ok.data().get("a").asInt()).isEqualTo(1);

        ProtooMessage.Response error = (ProtooMessage.Response) ProtooCodec.decode(
                "{\"response\":true,\"id\":4,\"ok\":false,\"errorCode\":403,\"errorReason\":\"no\"}");
        assertThat(error.ok()).isFalse();
        assertThat(error.errorCode()).isEqualTo(403);
        assertThat(error.errorReason()).isEqualTo("no");
    }

    @Test
    void decodesANotificationWithArrayData() throws Exception {
        ProtooMessage.Notification notification = (ProtooMessage.Notification) ProtooCodec.decode(
                "{\"notification\":true,\"method\":\"x\",\"data\":[1,2]}");
        assertThat(notification.data().isArray()).isTrue();
    }

    @Test
    void rejectsTextThatIsNotJsonWithoutAnIdToAnswer() {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class, () -> ProtooCodec.decode("hello"));
        assertThat(e.requestId()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("not JSON");
    }

    @Test
    void rejectsJsonThatIsNotAProtooObject() {
        assertThatThrownBy(() -> ProtooCodec.decode("[1,2,3]")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> ProtooCodec.decode("{\"foo\":1}")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> ProtooCodec.decode("42")).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aRequestWithoutNumericIdCannotBeAnswered() {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> ProtooCodec.decode("{\"request\":true,\"id\":\"7\",\"method\":\"join\"}"));
        assertThat(e.requestId()).isEmpty();
        e = catchThrowableOfType(MalformedMessageException.class,
                () -> ProtooCodec.decode("{\"request\":true,\"id\":1.5,\"method\":\"join\"}"));
        assertThat(e.requestId()).isEmpty();
    }

    @Test
    void aRequestWithIdButNoMethodCanBeAnsweredWithAnError() {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> ProtooCodec.decode("{\"request\":true,\"id\":9,\"method\":5}"));
        assertThat(e.requestId()).hasValue(9);
    }

    @Test
    void encodesTheFourShapesOfProtocolMd() {
        assertThat(ProtooCodec.encode(new ProtooMessage.Request(1, "newConsumer", null)))
                .isEqualTo("{\"request\":true,\"id\":1,\"method\":\"newConsumer\",\"data\":{}}");
        assertThat(ProtooCodec.encode(ProtooMessage.Response.success(2, Json.tree(Map.of("id", "x")))))
                .isEqualTo("{\"response\":true,\"id\":2,\"ok\":true,\"data\":{\"id\":\"x\"}}");
        assertThat(ProtooCodec.encode(ProtooMessage.Response.error(3, 500, "boom")))
                .isEqualTo("{\"response\":true,\"id\":3,\"ok\":false,\"errorCode\":500,\"errorReason\":\"boom\"}");
        assertThat(ProtooCodec.encode(new ProtooMessage.Notification("activeSpeaker", Json.object().putNull("peerId"))))
                .isEqualTo("{\"notification\":true,\"method\":\"activeSpeaker\",\"data\":{\"peerId\":null}}");
    }

    @Test
    void aNumberLongerThanTheParserReadsIsRefusedAsSuchNotAsTooDeep() {
        String digits = "1".repeat(1_001);
        assertThatThrownBy(() -> ProtooCodec.decode("{\"request\":true,\"id\":1,\"method\":\"x\",\"data\":{\"n\":" + digits + "}}"))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> {
                    assertThat(e.tooDeep()).isFalse();
                    assertThat(e.getMessage()).isEqualTo(ProtooCodec.BEYOND_LIMITS);
                });
    }

    @Test
    void refusesNestingDeeperThanTheLimitButTakesItsOwnDepth() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProtooCodec.decode("{\"request\":true,\"id\":1,\"method\":\"x\",\"data\":" + deep + "}"))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.tooDeep()).isTrue();
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo("JSON nested deeper than 32 levels");
                });
        // The object itself is a level: 31 more fit.
        String fits = "[".repeat(ProtooCodec.MAX_NESTING_DEPTH - 2) + "]".repeat(ProtooCodec.MAX_NESTING_DEPTH - 2);
        org.assertj.core.api.Assertions.assertThat(ProtooCodec.decode("{\"request\":true,\"id\":1,\"method\":\"x\",\"data\":" + fits + "}"))
                .isInstanceOf(ProtooMessage.Request.class);
    }
}
