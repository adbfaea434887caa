package io.stranglerkit.catalog.sync;

/**
 * Where a change sits in the MariaDB binlog: file, position of its event, row within the event. Binlog
 * file names carry a fixed-width sequence number, so they compare as strings.
 */
public record SourcePosition(String file, long pos, int row) implements Comparable<SourcePosition> {

    @Override
    public int compareTo(SourcePosition other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byPos = Long.compare(pos, other.pos);
        return byPos != 0 ? byPos : Integer.compare(row, other.row);
    }
}
