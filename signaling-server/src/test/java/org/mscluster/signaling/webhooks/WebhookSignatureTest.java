package org.mscluster.signaling.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] KEY = "key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    @Test
    void isTheHexHmacSha256OfTheBody() {
        // RFC 4231-style known answer (the Wikipedia HMAC example).
        assertThat(WebhookSignature.sign(KEY, BODY))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void verifiesOnlyTheExactBodyAndKey() {
        String header = WebhookSignature.sign(KEY, BODY);
        assertThat(WebhookSignature.verify(KEY, BODY, header)).isTrue();
        assertThat(WebhookSignature.verify(KEY, "The quick brown fox".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), BODY, header)).isFalse();
        assertThat(WebhookSignature.verify(KEY, BODY, header.substring(7))).isFalse();
        assertThat(WebhookSignature.verify(KEY, BODY, null)).isFalse();
    }
}
