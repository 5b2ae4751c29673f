package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.command.AdminCommand;
import org.mscluster.cluster.command.NodeCommands;
import org.mscluster.cluster.command.NodeCommandsContract;
import org.mscluster.cluster.model.RoomKey;
import redis.clients.jedis.UnifiedJedis;

class RedisNodeCommandsIT extends NodeCommandsContract {
    private static LocalRedisServer server;
    private UnifiedJedis redis;
    private KeySpace keys;
    private RedisNodeCommands commands;

    @BeforeAll
    static void startRedis() {
        server = LocalRedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void open() {
        redis = RedisClients.open(RedisUrl.parse(server.url()));
        keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        commands = new RedisNodeCommands(redis, keys);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Override
    protected NodeCommands commands() {
        return commands;
    }

    @Test
    void garbageOnTheChannelIsIgnoredAndTheNodeGoesOn() {
        List<AdminCommand> received = new CopyOnWriteArrayList<>();
        try (NodeCommands.Subscription n1 = commands.subscribe("n1", command -> {
            received.add(command);
            return CompletableFuture.completedFuture(ActionResult.done("ok"));
        })) {
            await().atMost(Duration.ofSeconds(5)).until(n1::active);
            redis.publish(keys.nodeCommands("n1"), "{not json");
            redis.publish(keys.nodeCommands("n1"), "{\"id\":\"x\",\"action\":\"explode\"}");
            assertThat(commands.send("n1", AdminCommand.close(RoomKey.of("acme", "r")), Duration.ofSeconds(2)).ok()).isTrue();
            assertThat(received).hasSize(1);
        }
    }

    @Test
    void theAnswerListExpiresWhenNobodyWaitsForIt() {
        try (NodeCommands.Subscription slowish = commands.subscribe("n1", command -> CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ActionResult.done("late");
        }))) {
            await().atMost(Duration.ofSeconds(5)).until(slowish::active);
            AdminCommand command = AdminCommand.close(RoomKey.of("acme", "r"));
            assertThat(commands.send("n1", command, Duration.ofMillis(100)).status()).isEqualTo(504);
            await().atMost(Duration.ofSeconds(3)).until(() -> redis.exists(keys.commandReply(command.id())));
            assertThat(redis.pttl(keys.commandReply(command.id()))).isBetween(1L, 10_000L);
        }
    }

    @Test
    void aClosedSubscriptionLeavesItsConnectionCleanInThePool() {
        // Two connections: the one a subscription gave back is the next command's. Left with an
        // unread reply, that command would read it as its own answer.
        try (UnifiedJedis small = RedisClients.open(RedisUrl.parse(server.url()), 2)) {
            RedisNodeCommands onSmallPool = new RedisNodeCommands(small, keys);
            for (int i = 0; i < 20; i++) {
                NodeCommands.Subscription s = onSmallPool.subscribe("n" + i,
                        command -> CompletableFuture.completedFuture(ActionResult.done("ok")));
                await().atMost(Duration.ofSeconds(5)).until(s::active);
                for (int m = 0; m < 5; m++) { // in flight as it closes
                    small.publish(keys.nodeCommands("n" + i), "ignored");
                }
                s.close();
                small.set(keys.prefix() + "probe", "v" + i);
                assertThat(small.get(keys.prefix() + "probe")).isEqualTo("v" + i);
                assertThat(small.incr(keys.prefix() + "count")).isEqualTo(i + 1L);
            }
        }
    }

    @Test
    void aSubscriptionComesBackAfterRedisRestarts() {
        List<AdminCommand> received = new CopyOnWriteArrayList<>();
        try (NodeCommands.Subscription n1 = commands.subscribe("n1", command -> {
            received.add(command);
            return CompletableFuture.completedFuture(ActionResult.done("ok"));
        })) {
            await().atMost(Duration.ofSeconds(5)).until(n1::active);
            server.restart();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    return commands.send("n1", AdminCommand.drain(), Duration.ofMillis(500)).ok();
                } catch (RuntimeException redisStillDown) {
                    return false;
                }
            });
            assertThat(received).isNotEmpty();
        }
    }
}
