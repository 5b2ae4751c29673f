package org.mscluster.signaling.admin;

/**
 * What an admin may see and act on: every namespace (the operator), or one.
 *
 * @param namespace the one namespace, or null for all of them
 * @param subject who signed in (the token's {@code sub}), for logs
 */
public record AdminScope(String namespace, String subject) {

    public static AdminScope operator(String subject) {
        return new AdminScope(null, subject);
    }

    public boolean isOperator() {
        return namespace == null;
    }

    public boolean sees(String otherNamespace) {
        return namespace == null || namespace.equals(otherNamespace);
    }
}
