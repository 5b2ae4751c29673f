package org.mscluster.signaling.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.signaling.operations.NodeReport;
import org.mscluster.signaling.operations.NodeReportCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The cluster as a dispatcher sees it: the latest report every registered node published to Redis
 * ({@code KeySpace.nodeReport}, refreshed each second, expiring with the node's lease), all read in one
 * round trip (one script over the node index).
 */
public final class RedisClusterSource implements ClusterSource {

    private static final Logger LOG = LoggerFactory.getLogger(RedisClusterSource.class);
    private static final String READ_REPORTS = """
            local ids = redis.call('SMEMBERS', KEYS[1])
            local out = {}
            for _, id in ipairs(ids) do
              local report = redis.call('GET', ARGV[1] .. 'node-report:' .. id)
              if report then
                out[#out + 1] = report
              end
            end
            return out
            """;

    private final UnifiedJedis redis;
    private final KeySpace keys;
    private final Executor executor;

    /** @param executor where the blocking round trip runs (never an event loop) */
    public RedisClusterSource(UnifiedJedis redis, KeySpace keys, Executor executor) {
        this.redis = redis;
        this.keys = keys;
        this.executor = executor;
    }

    @Override
    public CompletionStage<List<NodeReport>> reports() {
        return CompletableFuture.supplyAsync(this::read, executor);
    }

    /** One round trip: every live node's latest report, ordered by node id. */
    public List<NodeReport> read() {
        Object answer = redis.eval(READ_REPORTS, List.of(keys.nodes()), List.of(keys.prefix()));
        List<NodeReport> reports = new ArrayList<>();
        if (answer instanceof List<?> items) {
            for (Object item : items) {
                String json = item instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                        : String.valueOf(item);
                try {
                    reports.add(NodeReportCodec.decode(json));
                } catch (IllegalArgumentException e) {
                    LOG.warn("skipped an unreadable node report: {}", e.getMessage());
                }
            }
        }
        reports.sort(Comparator.comparing(NodeReport::nodeId));
        return reports;
    }
}
