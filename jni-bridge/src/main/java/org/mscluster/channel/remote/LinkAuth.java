package org.mscluster.channel.remote;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof of the shared secret without sending it: HMAC-SHA256 over a fresh nonce of the host's, so a
 * recorded handshake cannot be replayed, compared in constant time.
 */
final class LinkAuth {

    static final String PROTOCOL = "mscluster-media/1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkAuth() {
    }

    static String nonce() {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    static String proof(byte[] secret, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(PROTOCOL.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static boolean verify(byte[] secret, String nonce, String proof) {
        if (proof == null) {
            return false;
        }
        return MessageDigest.isEqual(proof(secret, nonce).getBytes(StandardCharsets.UTF_8), proof.getBytes(StandardCharsets.UTF_8));
    }
}
