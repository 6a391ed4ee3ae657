package io.debuggate.audit.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The segment file being appended to. Used only under the spool's I/O lock, except
 * {@link #forceQuietly()}, which the background flusher may call at any time.
 */
final class SpoolSegmentWriter {

    /** Where the files stood before a batch, to undo it if it fails. */
    record Mark(long segment, long offset, long durableSequence) {
    }

    private final Path directory;
    private volatile @Nullable Consumer<FileChannel> retire;
    private volatile @Nullable FileChannel channel;
    private long segment;
    private long offset;

    SpoolSegmentWriter(Path directory, long activeSegment, long activeOffset) {
        this.directory = directory;
        this.segment = activeSegment;
        this.offset = activeOffset;
    }

    /**
     * Hands finished segments to {@code retire} (which must force and close them) instead of
     * forcing them on the writing thread: under {@link FsyncPolicy#BATCHED} a roll must not make
     * one unlucky {@code record} wait for tens of megabytes to reach the disk.
     */
    void retireFinishedSegmentsTo(@Nullable Consumer<FileChannel> retire) {
        this.retire = retire;
    }

    long segment() {
        return segment;
    }

    long offset() {
        return offset;
    }

    Mark mark(long durableSequence) {
        return new Mark(segment, offset, durableSequence);
    }

    /** Writes all of {@code data} into segment {@code first}, starting that segment if needed. */
    long write(long first, ByteBuffer data) throws IOException {
        FileChannel out = channelFor(first);
        int length = data.remaining();
        while (data.hasRemaining()) {
            out.write(data, offset + (length - data.remaining()));
        }
        offset += length;
        return length;
    }

    void force() throws IOException {
        FileChannel out = channel;
        if (out != null) {
            out.force(false);
        }
    }

    /** For the periodic flush; a segment finished by a roll is forced by whoever it was retired to. */
    void forceQuietly() {
        try {
            force();
        } catch (ClosedChannelException ignored) {
            // rolled meanwhile
        } catch (IOException e) {
            // the next write on this channel reports the same trouble to a caller
        }
    }

    /** Removes what was written since {@code mark}, including segments started since. */
    void restore(Mark mark) throws IOException {
        if (segment != mark.segment()) {
            closeChannel();
            for (long first : SpoolFiles.segments(directory)) {
                // segments started by the failed batch begin after the last durable event
                if (first > mark.durableSequence()) {
                    Files.deleteIfExists(SpoolFiles.segment(directory, first));
                }
            }
            segment = mark.segment();
        }
        offset = mark.offset();
        if (segment > 0) {
            FileChannel out = open(segment, false);
            out.truncate(offset);
            out.force(false);
        }
    }

    private FileChannel channelFor(long first) throws IOException {
        FileChannel out = channel;
        if (first == segment && out != null) {
            return out;
        }
        if (first != segment) {
            Consumer<FileChannel> deferred = retire;
            if (out != null && deferred != null) {
                channel = null;
                deferred.accept(out);
            } else if (out != null) {
                out.force(false);
            }
            closeChannel();
            segment = first;
            offset = 0;
            FileChannel created = open(first, true);
            if (deferred == null) {
                SpoolFiles.syncDirectory(directory);
            }
            return created;
        }
        return open(first, false);
    }

    private FileChannel open(long first, boolean create) throws IOException {
        closeChannel();
        Path file = SpoolFiles.segment(directory, first);
        FileChannel opened = create
                ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.WRITE);
        channel = opened;
        return opened;
    }

    private void closeChannel() {
        FileChannel out = channel;
        channel = null;
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // data was written with positional writes; nothing buffered here
            }
        }
    }

    void close() {
        FileChannel out = channel;
        if (out != null) {
            try {
                out.force(false);
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        closeChannel();
    }
}
