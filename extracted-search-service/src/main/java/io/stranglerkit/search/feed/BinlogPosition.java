package io.stranglerkit.search.feed;

import java.util.Comparator;

/**
 * Where a change sits in the monolith database's binlog: file number, byte position, row within the
 * event. Changes of one server are totally ordered by it, which is what "newer wins" compares; the
 * row version is not enough, because a raw SQL UPDATE need not bump it.
 */
public record BinlogPosition(long file, long pos, int row) implements Comparable<BinlogPosition> {

    private static final Comparator<BinlogPosition> ORDER = Comparator.comparingLong(BinlogPosition::file)
            .thenComparingLong(BinlogPosition::pos).thenComparingInt(BinlogPosition::row);

    /** {@code binlog.000015} -> 15. */
    public static long fileNumber(String file) {
        int dot = file.lastIndexOf('.');
        if (dot < 0 || dot == file.length() - 1) {
            throw new IllegalArgumentException("binlog file name '" + file + "' has no number suffix");
        }
        return Long.parseLong(file.substring(dot + 1));
    }

    public boolean isAtLeast(BinlogPosition other) {
        return other == null || compareTo(other) >= 0;
    }

    @Override
    public int compareTo(BinlogPosition other) {
        return ORDER.compare(this, other);
    }
}
