package io.debuggate.audit.node;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** Turns a file-system failure into a cause-and-fix sentence (disk full, permission, other). */
final class DiskTrouble {

    private DiskTrouble() {
    }

    static String describe(IOException e, String whileDoing) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("No space left on device") || text.contains("Disk quota exceeded")) {
            return "disk full while " + whileDoing + ": free space on that file system (df -h) and start again";
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile() + " while " + whileDoing
                    + ": make the folder writable for this process or choose another home";
        }
        if (e instanceof FileSystemException fs) {
            return "file system error on " + fs.getFile() + " while " + whileDoing + ": " + fs.getReason();
        }
        return "I/O error while " + whileDoing + ": " + text;
    }
}
