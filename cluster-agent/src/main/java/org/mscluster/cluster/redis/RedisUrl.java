package org.mscluster.cluster.redis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to reach Redis, parsed from one URL so that it fits a command-line flag, an
 * environment variable and a YAML value alike.
 *
 * <h2>Formats</h2>
 * <pre>
 * redis://[[user]:password@]host[:port][/database][?timeout=ms]
 * rediss://...                                    same, over TLS
 * redis-sentinel://[[user]:password@]host[:port][,host[:port]...]/master[/database][?options]
 * rediss-sentinel://...                           same, TLS to the sentinels and the master
 * </pre>
 * Port defaults: 6379 for Redis, 26379 for Sentinel. {@code user} and {@code password} are those
 * of the Redis server (ACL user, or {@code requirepass} with no user), percent-encoded if they
 * contain reserved characters. Options: {@code timeout} (milliseconds, connect and socket,
 * default 2000), and for Sentinel {@code sentinelUser} and {@code sentinelPassword} when the
 * sentinels themselves require AUTH. IPv6 hosts go in brackets: {@code redis://[::1]:6379}.
 *
 * <p>{@link #toString()} hides passwords, so URLs can be logged.
 */
public record RedisUrl(
        Mode mode,
        boolean tls,
        List<Host> hosts,
        String masterName,
        String user,
        String password,
        int database,
        String sentinelUser,
        String sentinelPassword,
        int timeoutMillis) {

    /** A single server, or a master found through Sentinel. */
    public enum Mode { STANDALONE, SENTINEL }

    /** A host and port; {@code host} without brackets even for IPv6. */
    public record Host(String host, int port) {
        public Host {
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("empty host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public static final int DEFAULT_PORT = 6379;
    public static final int DEFAULT_SENTINEL_PORT = 26379;
    public static final int DEFAULT_TIMEOUT_MILLIS = 2000;

    public RedisUrl {
        Objects.requireNonNull(mode, "mode");
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        if (mode == Mode.STANDALONE && hosts.size() != 1) {
            throw new IllegalArgumentException("a redis:// URL names exactly one host; use redis-sentinel:// for several");
        }
        if (mode == Mode.SENTINEL && (masterName == null || masterName.isEmpty())) {
            throw new IllegalArgumentException("a Sentinel URL names the master: redis-sentinel://host:26379/mymaster");
        }
        if (database < 0) {
            throw new IllegalArgumentException("database must be >= 0");
        }
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeout must be > 0");
        }
    }

    public static RedisUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not a Redis URL (expected redis://, rediss://, redis-sentinel://): " + redact(url));
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        Mode mode;
        boolean tls;
        switch (scheme) {
            case "redis" -> { mode = Mode.STANDALONE; tls = false; }
            case "rediss" -> { mode = Mode.STANDALONE; tls = true; }
            case "redis-sentinel" -> { mode = Mode.SENTINEL; tls = false; }
            case "rediss-sentinel" -> { mode = Mode.SENTINEL; tls = true; }
            default -> throw new IllegalArgumentException("unsupported Redis URL scheme '" + scheme + "'");
        }
        String rest = url.substring(schemeEnd + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);

        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                user = emptyToNull(decode(userInfo.substring(0, colon)));
                password = decode(userInfo.substring(colon + 1));
            } else {
                // Like redis-cli: a lone userinfo is a password for the default user.
                password = decode(userInfo);
            }
        }
        int defaultPort = mode == Mode.SENTINEL ? DEFAULT_SENTINEL_PORT : DEFAULT_PORT;
        List<Host> hosts = new ArrayList<>();
        for (String h : authority.split(",")) {
            if (!h.isBlank()) {
                hosts.add(parseHost(h.trim(), defaultPort));
            }
        }

        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(decode(s));
            }
        }
        String master = null;
        if (mode == Mode.SENTINEL) {
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("a Sentinel URL names the master: redis-sentinel://host:26379/mymaster");
            }
            master = segments.remove(0);
        }
        int database = 0;
        if (segments.size() > 1) {
            throw new IllegalArgumentException("unexpected path in Redis URL: /" + path);
        }
        if (segments.size() == 1) {
            database = parseInt(segments.get(0), "database");
        }

        Map<String, String> options = parseQuery(query);
        int timeout = options.containsKey("timeout") ? parseInt(options.remove("timeout"), "timeout") : DEFAULT_TIMEOUT_MILLIS;
        String sentinelUser = emptyToNull(options.remove("sentinelUser"));
        String sentinelPassword = options.remove("sentinelPassword");
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown Redis URL options: " + options.keySet());
        }
        if (mode == Mode.STANDALONE && (sentinelUser != null || sentinelPassword != null)) {
            throw new IllegalArgumentException("sentinelUser/sentinelPassword apply to redis-sentinel:// URLs only");
        }
        return new RedisUrl(mode, tls, hosts, master, user, password, database, sentinelUser, sentinelPassword, timeout);
    }

    private static Host parseHost(String text, int defaultPort) {
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in host " + text);
            }
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("bad host " + text);
            }
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        return new Host(host, port == null ? defaultPort : parseInt(port, "port"));
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static int parseInt(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " in Redis URL: " + s, e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The URL with any password replaced, for error messages about text that failed to parse. */
    private static String redact(String url) {
        return url.replaceAll(":[^:@/]*@", ":***@");
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(mode == Mode.SENTINEL ? (tls ? "rediss-sentinel" : "redis-sentinel") : (tls ? "rediss" : "redis"));
        b.append("://");
        if (user != null || password != null) {
            b.append(user == null ? "" : user).append(password == null ? "" : ":***").append('@');
        }
        b.append(String.join(",", hosts.stream().map(Host::toString).toList()));
        if (masterName != null) {
            b.append('/').append(masterName);
        }
        b.append('/').append(database);
        if (sentinelUser != null || sentinelPassword != null) {
            b.append("?sentinelUser=").append(sentinelUser == null ? "" : sentinelUser)
                    .append(sentinelPassword == null ? "" : "&sentinelPassword=***");
        }
        return b.toString();
    }
}
