package io.stranglerkit.platform.cdc;

import java.util.Comparator;

/**
 * Where a change sits in the monolith database's binlog: the file's number ({@code binlog.000015} is
 * 15), the byte position of its event, the row within the event. Changes of one server are totally
 * ordered by it, in that one order (numbers, never file names as strings: {@code binlog.999999} comes
 * before {@code binlog.1000000}). "Newer position wins" compares these; a row version is not enough,
 * because a raw SQL UPDATE need not bump it.
 */
public record BinlogPosition(long file, long pos, int row) implements Comparable<BinlogPosition> {

    private static final Comparator<BinlogPosition> ORDER = Comparator.comparingLong(BinlogPosition::file)
            .thenComparingLong(BinlogPosition::pos).thenComparingInt(BinlogPosition::row);

    /** From Debezium's {@code source.file} (a binlog file name), {@code source.pos} and {@code source.row}. */
    public static BinlogPosition of(String fileName, long pos, int row) {
        return new BinlogPosition(fileNumber(fileName), pos, row);
    }

    /** {@code binlog.000015} -> 15. */
    public static long fileNumber(String fileName) {
        int dot = fileName.lastIndexOf('.');
        try {
            if (dot > 0 && dot < fileName.length() - 1) {
                return Long.parseLong(fileName.substring(dot + 1));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("binlog file name '" + fileName + "' has no number suffix");
    }

    public boolean isAtLeast(BinlogPosition other) {
        return other == null || compareTo(other) >= 0;
    }

    @Override
    public int compareTo(BinlogPosition other) {
        return ORDER.compare(this, other);
    }
}
