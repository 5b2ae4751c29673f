package org.mscluster.signaling.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** SDP offers for WHIP tests, from the recorded ones of the sdp module. */
public final class SdpOffers {

    private SdpOffers() {
    }

    /** A recorded Chrome offer (Opus + VP8, sendonly) with SSRCs of its own, as a real client draws them for each session. */
    public static String chrome() throws IOException {
        long base = 1_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        return Files.readString(Path.of("..", "sdp", "src", "test", "resources", "sdp", "chrome-offer.sdp"))
                .replace("3021485744", String.valueOf(base)).replace("1434620154", String.valueOf(base + 1))
                .replace("2963366214", String.valueOf(base + 2))
                .replace("\n", "\r\n");
    }
}
