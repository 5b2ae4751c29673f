package org.mscluster.cluster.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;

/** What a Redis server says it ran: calls per command ({@code INFO commandstats}), counted by the server itself. */
public final class CommandCounts {
    private static final Pattern CALLS = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)");

    private CommandCounts() {}

    /** Calls so far per command name in lower case ({@code evalsha}, {@code hmget}…); absent: never called. */
    public static Map<String, Long> of(UnifiedJedis redis) {
        Map<String, Long> calls = new HashMap<>();
        Matcher m = CALLS.matcher(redis.info("commandstats"));
        while (m.find()) {
            calls.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return calls;
    }
}
