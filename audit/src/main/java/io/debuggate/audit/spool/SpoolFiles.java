package io.debuggate.audit.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Names and listing of segment files: {@code segment-<first sequence, 20 digits>.spool}. */
final class SpoolFiles {

    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{20})\\.spool");

    private SpoolFiles() {
    }

    static Path segment(Path directory, long firstSequence) {
        return directory.resolve("segment-%020d.spool".formatted(firstSequence));
    }

    /** First sequences of the segment files present, ascending. */
    static List<Long> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> SEGMENT.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Deletes the segments before {@code firstKept} (never {@code active}, the one being written)
     * and returns the bytes freed.
     */
    static long deleteBefore(Path directory, long firstKept, long active) throws IOException {
        long freed = 0;
        for (long first : segments(directory)) {
            if (first >= firstKept || first == active) {
                break;
            }
            Path file = segment(directory, first);
            freed += Files.size(file);
            Files.deleteIfExists(file);
        }
        return freed;
    }

    /** Makes a newly created file's directory entry durable too. */
    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened; the data itself is synced anyway
        }
    }
}
