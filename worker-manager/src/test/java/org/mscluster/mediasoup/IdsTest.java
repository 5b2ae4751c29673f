package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdsTest {

    private static final String V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void uuidIsVersion4TextThatUuidParsesBack() {
        for (int i = 0; i < 2_000; i++) { // several refills of a thread's block
            String id = Ids.uuid();
            assertThat(id).matches(V4);
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(parsed.toString()).isEqualTo(id);
        }
    }

    @Test
    void uuidsDoNotRepeatWithinOrAcrossThreads() throws Exception {
        Set<String> all = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        all.add(Ids.uuid());
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(all).hasSize(40_000);
    }

    @Test
    void everyRandomHexDigitTakesEveryValue() {
        // 122 random bits: each random position sees all 16 digits over a few thousand ids (none stuck at 0)
        List<Set<Character>> seen = new ArrayList<>();
        for (int p = 0; p < 36; p++) {
            seen.add(new HashSet<>());
        }
        for (int i = 0; i < 5_000; i++) {
            String id = Ids.uuid();
            for (int p = 0; p < 36; p++) {
                seen.get(p).add(id.charAt(p));
            }
        }
        for (int p = 0; p < 36; p++) {
            int expected = switch (p) {
                case 8, 13, 18, 23 -> 1; // '-'
                case 14 -> 1; // version '4'
                case 19 -> 4; // variant 8, 9, a, b
                default -> 16;
            };
            assertThat(seen.get(p)).as("position %d", p).hasSize(expected);
        }
    }

    @Test
    void shortHexIsEightHexCharacters() {
        assertThat(Ids.shortHex()).matches("[0-9a-f]{8}");
        assertThat(Ids.shortHex()).isNotEqualTo(Ids.shortHex());
    }
}
