package io.stranglerkit.kit.labs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state a lab starts from: each migratable route's split, and the catalog's forward sync. Every
 * lab starts with the forward sync on; only lab 12 switches it off. Lab 4 (the parallel run) also
 * starts its comparison count from zero.
 */
record LabStart(int lab, Map<String, Split> routes, boolean resetSearchDiffs) {

    /** A route's service percentage, stickiness and shadow share. */
    record Split(int percent, boolean sticky, int shadow) {

        @Override
        public String toString() {
            return percent + "%" + (sticky ? " sticky" : " not sticky") + (shadow > 0 ? ", shadow " + shadow + "%" : "");
        }
    }

    static LabStart of(int lab) {
        // search, catalog-read, catalog-write: where the course has brought each route when the lab begins.
        int[][] table = {
            {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {10, 0, 0},
            {10, 0, 0}, {0, 0, 0}, {100, 0, 0}, {100, 100, 0}, {100, 100, 50}, {100, 100, 50}};
        int[] row = table[lab - 1];
        Map<String, Split> routes = new LinkedHashMap<>();
        routes.put("search", new Split(row[0], true, 0));
        routes.put("catalog-read", new Split(row[1], true, 0));
        routes.put("catalog-write", new Split(row[2], true, 0));
        return new LabStart(lab, routes, lab == 4);
    }
}
