package io.debuggate.audit.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads events back in sequence order for the shipper, never past what the writer has published
 * as durable, crossing segment files as it goes. Single-threaded by design.
 */
public final class SpoolReader implements AutoCloseable {

    private final Path directory;
    private @Nullable FileChannel channel;
    private long segment;
    private long offset;
    private long lastSequence;

    SpoolReader(Path directory, ShippedCheckpoint checkpoint) {
        this.directory = directory;
        this.segment = checkpoint.segment();
        this.offset = checkpoint.offset();
        this.lastSequence = checkpoint.sequence();
    }

    /** Segment and offset just after the last event read. */
    public long segment() {
        return segment;
    }

    public long offset() {
        return offset;
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** Up to {@code maxEvents} / about {@code maxBytes} of events after the last one read. */
    public List<SpoolRecord> read(SpoolPosition limit, int maxEvents, long maxBytes) throws IOException {
        List<SpoolRecord> records = new ArrayList<>();
        if (lastSequence >= limit.sequence() || !position()) {
            return records;
        }
        long bytes = 0;
        while (records.size() < maxEvents && bytes < maxBytes && lastSequence < limit.sequence()) {
            SpoolFrames.Read read = SpoolFrames.read(channel, offset);
            switch (read) {
                case SpoolFrames.Frame frame when frame.sequence() <= lastSequence -> offset += frame.size();
                case SpoolFrames.Frame frame when frame.sequence() == lastSequence + 1 -> {
                    records.add(new SpoolRecord(frame.sequence(), frame.epochMillis(), frame.payload()));
                    offset += frame.size();
                    bytes += frame.size();
                    lastSequence = frame.sequence();
                }
                case SpoolFrames.Frame frame -> throw new SpoolCorruptedException("spool segment "
                        + SpoolFiles.segment(directory, segment) + " jumps from sequence " + lastSequence + " to "
                        + frame.sequence() + ": events are missing");
                case SpoolFrames.End end -> openSegment(lastSequence + 1);
                case SpoolFrames.Torn torn -> throw new SpoolCorruptedException("spool segment "
                        + SpoolFiles.segment(directory, segment) + " is damaged at byte " + offset + " inside written"
                        + " data (" + torn.why() + ")");
            }
        }
        return records;
    }

    /** Opens the segment to read from; false if there is nothing on disk yet. */
    private boolean position() throws IOException {
        if (channel != null) {
            return true;
        }
        Path file = SpoolFiles.segment(directory, segment);
        if (Files.isRegularFile(file)) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            if (offset <= channel.size()) {
                SpoolFrames.Read at = SpoolFrames.read(channel, offset);
                if (at instanceof SpoolFrames.End
                        || (at instanceof SpoolFrames.Frame frame && frame.sequence() == lastSequence + 1)) {
                    return true;
                }
            }
        }
        // The checkpoint is stale or was lost: find the segment holding the next event and skip to it.
        List<Long> segments = SpoolFiles.segments(directory);
        if (segments.isEmpty()) {
            closeChannel();
            return false;
        }
        long wanted = lastSequence + 1;
        long chosen = segments.getFirst();
        for (long first : segments) {
            if (first <= wanted) {
                chosen = first;
            }
        }
        if (chosen > wanted) {
            // Older segments were deleted after shipping; everything before this one is in Elasticsearch.
            lastSequence = chosen - 1;
        }
        openAt(chosen);
        return true;
    }

    private void openSegment(long first) throws IOException {
        Path file = SpoolFiles.segment(directory, first);
        if (!Files.isRegularFile(file)) {
            throw new SpoolCorruptedException("spool segment " + file + " is missing although events up to it"
                    + " were written: the spool folder was changed from outside");
        }
        openAt(first);
    }

    private void openAt(long first) throws IOException {
        closeChannel();
        channel = FileChannel.open(SpoolFiles.segment(directory, first), StandardOpenOption.READ);
        segment = first;
        offset = 0;
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }
}
