package org.mscluster.mediasoup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Node gives every object {@code appData ?? {}}: an empty, writable map when none is given. */
public final class AppData {

    private AppData() {
    }

    public static Map<String, Object> orEmpty(Map<String, Object> appData) {
        return appData != null ? appData : new ConcurrentHashMap<>();
    }
}
