package org.mscluster.cluster.token;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mscluster.cluster.model.Names;

/**
 * The HS256 secret of each namespace. A namespace's secret signs and verifies its tokens only,
 * so one tenant cannot mint tokens for another.
 *
 * <p>Secrets shorter than 32 bytes are refused: RFC 7518 requires an HMAC key at least as long
 * as the hash, and short secrets are guessable offline from any captured token.
 */
public final class NamespaceSecrets {
    public static final int MIN_SECRET_BYTES = 32;

    private final Map<String, byte[]> secrets;

    private NamespaceSecrets(Map<String, byte[]> secrets) {
        this.secrets = secrets;
    }

    public static NamespaceSecrets of(Map<String, String> secrets) {
        Map<String, byte[]> copy = new HashMap<>();
        secrets.forEach((ns, secret) -> copy.put(Names.requireSimple(ns, "namespace"), checked(ns, secret)));
        return new NamespaceSecrets(Map.copyOf(copy));
    }

    /**
     * Parses {@code --namespace-secret NAME=SECRET} values; a name given twice is an error rather
     * than a silent override, as that is almost always a copy-paste mistake.
     */
    public static NamespaceSecrets parse(Collection<String> assignments) {
        Map<String, String> map = new HashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected NAMESPACE=SECRET, got '" + redact(a) + "'");
            }
            String ns = a.substring(0, eq).trim();
            if (map.put(ns, a.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("namespace '" + ns + "' has two secrets");
            }
        }
        return of(map);
    }

    public static NamespaceSecrets none() {
        return new NamespaceSecrets(Map.of());
    }

    public Optional<byte[]> secretOf(String namespace) {
        return Optional.ofNullable(secrets.get(namespace)).map(byte[]::clone);
    }

    public Set<String> namespaces() {
        return secrets.keySet();
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    private static byte[] checked(String ns, String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret of namespace '" + ns + "' must be at least "
                    + MIN_SECRET_BYTES + " bytes (e.g. `openssl rand -hex 32`)");
        }
        return bytes;
    }

    private static String redact(String assignment) {
        int eq = assignment.indexOf('=');
        return eq < 0 ? "***" : assignment.substring(0, eq) + "=***";
    }

    @Override
    public String toString() {
        return "NamespaceSecrets" + secrets.keySet(); // never the secrets
    }
}
