package org.mscluster.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenClaims;
import org.mscluster.cluster.token.TokenIssuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "token", description = "Access tokens (JWT HS256, one secret per namespace).", subcommands = TokenCommand.Issue.class)
final class TokenCommand {

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Print a token that lets PEER join ROOM (or any room: *) of NAMESPACE, for operators and tests.")
    static final class Issue implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", description = "YAML file with a 'namespaces:' section of secrets")
        Path config;

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--namespace", defaultValue = "default", description = "the namespace (default ${DEFAULT-VALUE})")
        String namespace;

        @Option(names = "--room", defaultValue = "*", description = "the room, or * for any (default ${DEFAULT-VALUE})")
        String room;

        @Option(names = "--peer", description = "the peer id (the token's subject); required unless --admin")
        String peer;

        @Option(names = "--ttl", defaultValue = "PT24H", description = "validity, ISO-8601 (PT1H) or seconds (default ${DEFAULT-VALUE})")
        String ttl;

        @Option(names = "--admin", description = "an admin token (dashboard, admin API); --peer is then the user name")
        boolean admin;

        @Option(names = "--role", description = "a join token's role claim: moderator lets the peer start and stop the room's egress")
        String role;

        @Override
        public Integer call() {
            NamespaceSecrets secrets = cluster.secrets();
            if (secrets.secretOf(namespace).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no secret for namespace '" + namespace
                        + "': give it with --namespace-secret " + namespace + "=SECRET");
            }
            if (peer == null && !admin) {
                throw new ParameterException(spec.commandLine(), "--peer is required (the peer id the token is for)");
            }
            Duration validity = parseTtl();
            TokenIssuer issuer = new TokenIssuer(secrets, Clock.systemUTC());
            String token = admin ? issuer.issueAdmin(namespace, peer == null ? "admin" : peer, validity)
                    : role != null ? issuer.issueJoin(namespace, room, peer, validity, role)
                    : issuer.issue(new TokenClaims(namespace, room, peer, Clock.systemUTC().instant().plus(validity), false));
            spec.commandLine().getOut().println(token);
            return 0;
        }

        private Duration parseTtl() {
            try {
                Duration value = ttl.matches("-?\\d+") ? Duration.ofSeconds(Long.parseLong(ttl)) : Duration.parse(ttl);
                if (value.isNegative() || value.isZero()) {
                    throw new ParameterException(spec.commandLine(), "--ttl must be positive");
                }
                return value;
            } catch (java.time.format.DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--ttl: '" + ttl + "' is neither seconds nor ISO-8601 (PT1H)");
            }
        }
    }
}
