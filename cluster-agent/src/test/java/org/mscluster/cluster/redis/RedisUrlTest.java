package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mscluster.cluster.redis.RedisUrl.Host;
import org.mscluster.cluster.redis.RedisUrl.Mode;

class RedisUrlTest {
    @Test
    void plainRedis() {
        RedisUrl u = RedisUrl.parse("redis://127.0.0.1:6380");
        assertThat(u.mode()).isEqualTo(Mode.STANDALONE);
        assertThat(u.tls()).isFalse();
        assertThat(u.hosts()).containsExactly(new Host("127.0.0.1", 6380));
        assertThat(u.database()).isZero();
        assertThat(u.user()).isNull();
        assertThat(u.password()).isNull();
        assertThat(u.timeoutMillis()).isEqualTo(RedisUrl.DEFAULT_TIMEOUT_MILLIS);
    }

    @Test
    void defaultPortAndDatabase() {
        RedisUrl u = RedisUrl.parse("redis://redis.internal/3");
        assertThat(u.hosts()).containsExactly(new Host("redis.internal", 6379));
        assertThat(u.database()).isEqualTo(3);
    }

    @Test
    void tlsWithAclUserAndPassword() {
        RedisUrl u = RedisUrl.parse("rediss://mscluster:s3cr%40t%3Ax@redis.example.com:6390/2?timeout=500");
        assertThat(u.tls()).isTrue();
        assertThat(u.user()).isEqualTo("mscluster");
        assertThat(u.password()).isEqualTo("s3cr@t:x");
        assertThat(u.database()).isEqualTo(2);
        assertThat(u.timeoutMillis()).isEqualTo(500);
    }

    @Test
    void passwordOnlyMeansTheDefaultUser() {
        assertThat(RedisUrl.parse("redis://:pw@h").user()).isNull();
        assertThat(RedisUrl.parse("redis://:pw@h").password()).isEqualTo("pw");
        assertThat(RedisUrl.parse("redis://pw@h").password()).isEqualTo("pw");
        assertThat(RedisUrl.parse("redis://:a+b@h").password()).isEqualTo("a+b");
    }

    @Test
    void ipv6Hosts() {
        assertThat(RedisUrl.parse("redis://[::1]:7000").hosts()).containsExactly(new Host("::1", 7000));
        assertThat(RedisUrl.parse("redis://[::1]").hosts()).containsExactly(new Host("::1", 6379));
    }

    @Test
    void sentinel() {
        RedisUrl u = RedisUrl.parse(
                "redis-sentinel://:pw@s1:26380,s2,[fd00::3]:26381/mymaster/4?sentinelPassword=spw&sentinelUser=sen");
        assertThat(u.mode()).isEqualTo(Mode.SENTINEL);
        assertThat(u.hosts()).containsExactly(new Host("s1", 26380), new Host("s2", 26379), new Host("fd00::3", 26381));
        assertThat(u.masterName()).isEqualTo("mymaster");
        assertThat(u.database()).isEqualTo(4);
        assertThat(u.password()).isEqualTo("pw");
        assertThat(u.sentinelUser()).isEqualTo("sen");
        assertThat(u.sentinelPassword()).isEqualTo("spw");
        assertThat(RedisUrl.parse("rediss-sentinel://s1/m").tls()).isTrue();
    }

    @Test
    void toStringHidesPasswords() {
        String s = RedisUrl.parse("redis-sentinel://u:topsecret@s1/m?sentinelPassword=alsosecret").toString();
        assertThat(s).doesNotContain("topsecret").doesNotContain("alsosecret").contains("u:***@");
        assertThat(RedisUrl.parse("rediss://h:1/2")).hasToString("rediss://h:1/2");
    }

    @Test
    void errorsAreSpecific() {
        assertThatThrownBy(() -> RedisUrl.parse("http://h")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> RedisUrl.parse("h:6379")).hasMessageContaining("not a Redis URL");
        assertThatThrownBy(() -> RedisUrl.parse("redis://a,b")).hasMessageContaining("redis-sentinel");
        assertThatThrownBy(() -> RedisUrl.parse("redis-sentinel://s1")).hasMessageContaining("master");
        assertThatThrownBy(() -> RedisUrl.parse("redis://h/x")).hasMessageContaining("database");
        assertThatThrownBy(() -> RedisUrl.parse("redis://h:99999")).hasMessageContaining("port");
        assertThatThrownBy(() -> RedisUrl.parse("redis://h?foo=1")).hasMessageContaining("foo");
        assertThatThrownBy(() -> RedisUrl.parse("redis://h?sentinelPassword=x")).hasMessageContaining("sentinel");
        assertThatThrownBy(() -> RedisUrl.parse("redis://:secretpw@h/x/y")).hasMessageNotContaining("secretpw");
    }
}
