package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One starter at a time: {@code kit up}, {@code kit restart} and the supervisor take this lock
 * before they start parts, so two of them never start the same part twice.
 */
final class StartLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private StartLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits while another starter holds the lock (the supervisor restarting a part, another kit up). */
    static StartLock acquire(KitSettings settings) {
        FileChannel channel = open(settings);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                System.out.println("Waiting for another kit command (or the supervisor) that is starting parts...");
                lock = channel.lock();
            }
            return new StartLock(channel, lock);
        } catch (IOException e) {
            close(channel);
            throw new KitException("cannot lock " + settings.run().resolve("start.lock") + ": " + e.getMessage(),
                    "check the permissions of " + settings.run());
        }
    }

    /** The lock if free now; empty while someone else starts parts. */
    static Optional<StartLock> tryAcquire(KitSettings settings) {
        FileChannel channel = open(settings);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                close(channel);
                return Optional.empty();
            }
            return Optional.of(new StartLock(channel, lock));
        } catch (IOException e) {
            close(channel);
            return Optional.empty();
        }
    }

    private static FileChannel open(KitSettings settings) {
        try {
            Files.createDirectories(settings.run());
            return FileChannel.open(settings.run().resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // released with the channel below
        }
        close(channel);
    }
}
