package dev.openpsi.testkit.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Cross-process exclusive lock on a file, so two JVMs never unpack the same distribution at once. */
final class FileLocks {

    private FileLocks() {
    }

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    static Held exclusive(Path lockFile) throws IOException {
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        return () -> {
            lock.release();
            channel.close();
        };
    }
}
