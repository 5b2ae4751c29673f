package org.mscluster.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the mediasoup package whose worker this build drives; the worker is told it at start. */
public final class MediasoupVersion {

    private static final String VERSION = load();

    private MediasoupVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = MediasoupVersion.class.getResourceAsStream("mediasoup.properties")) {
            if (in == null) {
                throw new IllegalStateException("mediasoup.properties missing from the jni-bridge jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
