package io.stranglerkit.split;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides monolith or service for one request.
 * <p>
 * Sticky: a client key hashes to a stable bucket 0..99 per route, and the client goes to the
 * service when its bucket is below the percentage. Raising the percentage therefore only moves
 * clients from the monolith to the service, lowering it only moves them back; nobody flips.
 * Not sticky: a fresh draw per request.
 */
public final class SideChooser {

    private SideChooser() {
    }

    public static boolean toService(Split split, String routeId, String clientKey) {
        if (split.servicePercent() <= 0) {
            return false;
        }
        if (split.servicePercent() >= 100) {
            return true;
        }
        int bucket = split.sticky() && clientKey != null
                ? bucket(routeId, clientKey)
                : ThreadLocalRandom.current().nextInt(100);
        return bucket < split.servicePercent();
    }

    /** FNV-1a over "route:client", then a final avalanche so nearby keys spread evenly. */
    public static int bucket(String routeId, String clientKey) {
        int hash = 0x811C9DC5;
        for (byte b : (routeId + ":" + clientKey).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b;
            hash *= 0x01000193;
        }
        hash ^= hash >>> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >>> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >>> 16;
        return Integer.remainderUnsigned(hash, 100);
    }
}
