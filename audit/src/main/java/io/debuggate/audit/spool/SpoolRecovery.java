package io.debuggate.audit.spool;

import io.debuggate.audit.event.ChainHash;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the segments left by an earlier run and finds the chain head (last sequence and hash).
 * A torn frame at the very end — a write cut by power loss — is cut off; damage anywhere else
 * stops the start, because silently skipping acknowledged events is worse than refusing.
 */
final class SpoolRecovery {

    private static final Logger log = LoggerFactory.getLogger(SpoolRecovery.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpoolRecovery() {
    }

    /** What the spool looked like after recovery. */
    record State(long headSequence, String headHash, long activeSegment, long activeOffset, long bytesOnDisk) {
    }

    static State recover(Path directory, String instance, ShippedCheckpoint checkpoint) throws IOException {
        List<Long> segments = SpoolFiles.segments(directory);
        long headSequence = 0;
        String headHash = ChainHash.GENESIS;
        byte[] lastPayload = null;
        long activeSegment = -1;
        long activeOffset = 0;
        long bytes = 0;
        for (int i = 0; i < segments.size(); i++) {
            long first = segments.get(i);
            boolean last = i == segments.size() - 1;
            Path file = SpoolFiles.segment(directory, first);
            if (headSequence > 0 && first != headSequence + 1) {
                throw new SpoolCorruptedException("spool segment " + file + " starts at sequence " + first
                        + " but the previous segment ends at " + headSequence + ": events are missing; move "
                        + directory + " aside and start with an empty spool (the chain verifier will show the gap)");
            }
            long expected = first;
            long offset = 0;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                while (true) {
                    SpoolFrames.Read read = SpoolFrames.read(channel, offset);
                    if (read instanceof SpoolFrames.Frame frame && frame.sequence() == expected) {
                        offset += frame.size();
                        headSequence = frame.sequence();
                        lastPayload = frame.payload();
                        expected++;
                        continue;
                    }
                    if (read instanceof SpoolFrames.End) {
                        break;
                    }
                    String why = read instanceof SpoolFrames.Torn torn ? torn.why()
                            : "sequence " + ((SpoolFrames.Frame) read).sequence() + " where " + expected + " belongs";
                    if (!last) {
                        throw new SpoolCorruptedException("spool segment " + file + " is damaged at byte " + offset
                                + " (" + why + ") before its end: copy it for analysis, then move " + directory
                                + " aside to start a new spool");
                    }
                    log.warn("audit.spool torn tail cut file={} offset={} droppedBytes={} why={}", file, offset,
                            channel.size() - offset, why);
                    channel.truncate(offset);
                    channel.force(true);
                    break;
                }
            }
            bytes += offset;
            if (last) {
                activeSegment = first;
                activeOffset = offset;
            }
        }
        if (lastPayload != null) {
            JsonNode chain = JSON.readTree(lastPayload).path("debuggate").path("chain");
            if (!instance.equals(chain.path("instance").asString(""))) {
                throw new SpoolCorruptedException("spool " + directory + " holds the chain of instance '"
                        + chain.path("instance").asString("") + "', not '" + instance + "': give every gateway"
                        + " instance its own spool directory");
            }
            headHash = chain.path("hash").asString();
        }
        if (checkpoint.sequence() > headSequence) {
            // The spool lost a tail that Elasticsearch already holds: continue after what was shipped.
            log.warn("audit.spool head behind shipped checkpoint spoolHead={} shipped={}: continuing after the shipped"
                    + " event", headSequence, checkpoint.sequence());
            headSequence = checkpoint.sequence();
            headHash = checkpoint.hash();
            activeSegment = -1;
            activeOffset = 0;
        }
        if (activeSegment > 0 && activeOffset == 0) {
            Files.deleteIfExists(SpoolFiles.segment(directory, activeSegment));
            activeSegment = -1;
        }
        return new State(headSequence, headHash, activeSegment, activeOffset, bytes);
    }
}
