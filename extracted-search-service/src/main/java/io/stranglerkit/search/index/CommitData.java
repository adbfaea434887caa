package io.stranglerkit.search.index;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an index commit records besides the documents: the read model it belongs to, and per topic
 * partition ({@code topic:partition}) the next offset the feed reads from after a restart.
 */
record CommitData(String model, Map<String, Long> offsets) {

    private static final String MODEL = "model";
    private static final String OFFSETS = "offsets";

    CommitData {
        offsets = Map.copyOf(offsets);
    }

    static CommitData of(Map<String, String> userData) {
        Map<String, Long> offsets = new HashMap<>();
        String written = userData.getOrDefault(OFFSETS, "");
        if (!written.isEmpty()) {
            for (String entry : written.split(",")) {
                int equals = entry.lastIndexOf('=');
                offsets.put(entry.substring(0, equals), Long.parseLong(entry.substring(equals + 1)));
            }
        }
        return new CommitData(userData.get(MODEL), offsets);
    }

    /** As Lucene keeps it: {@code model} and {@code offsets} ("t:0=42,t:1=7"; topic names hold no ',' or '='). */
    Map<String, String> userData() {
        return Map.of(MODEL, model, OFFSETS, offsets.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
    }
}
