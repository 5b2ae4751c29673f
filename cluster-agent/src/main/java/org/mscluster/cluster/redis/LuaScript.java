package org.mscluster.cluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A server-side script, sent by SHA-1 and re-sent in full when the server does not know it.
 *
 * <p>The server forgets scripts when it restarts or fails over, which is exactly when the
 * cluster most needs them to work, hence the fallback instead of loading once at start-up.
 */
final class LuaScript {
    private static final String COMMON = read("common.lua");

    private final String name;
    private final String source;
    private final String sha1;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1(source);
    }

    /** Loads {@code name} from this package's resources, prefixed with the shared helpers. */
    static LuaScript load(String name) {
        return new LuaScript(name, COMMON + "\n" + read(name));
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        return RedisCalls.run(redis, () -> {
            try {
                return redis.evalsha(sha1, keys, args);
            } catch (JedisNoScriptException e) {
                return redis.eval(source, keys, args);
            }
        });
    }

    /**
     * Adds a call to a pipeline, by SHA-1 only: the reply fails with an error that
     * {@link #isNoScript} recognises when the server does not know the script, and the caller
     * repeats that call with {@link #run}, which sends the source.
     */
    Response<Object> queue(AbstractPipeline pipeline, List<String> keys, List<String> args) {
        return pipeline.evalsha(sha1, keys, args);
    }

    static boolean isNoScript(JedisDataException e) {
        return e instanceof JedisNoScriptException || String.valueOf(e.getMessage()).startsWith("NOSCRIPT");
    }

    @Override
    public String toString() {
        return name;
    }

    private static String read(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
