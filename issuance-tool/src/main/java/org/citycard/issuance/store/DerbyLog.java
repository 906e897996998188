package org.citycard.issuance.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where Derby writes its own log: {@code derby.log} in the data directory of the database opened last. Derby reads
 * its log destination once, when its engine starts in the JVM; it is given this field ({@code
 * derby.stream.error.field}), whose target follows the data directory.
 */
public final class DerbyLog {
    /** The stream Derby writes to (named by {@code derby.stream.error.field}). */
    public static final PrintStream OUT = new PrintStream(new Switch(), true);

    private static volatile OutputStream target = OutputStream.nullOutputStream();

    private DerbyLog() {}

    static synchronized void writeTo(Path file) {
        try {
            OutputStream old = target;
            target = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            old.close();
        } catch (IOException e) {
            throw new StoreException("cannot write Derby's log " + file + ": " + e.getMessage(), e);
        }
    }

    private static final class Switch extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            synchronized (DerbyLog.class) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (DerbyLog.class) {
                target.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (DerbyLog.class) {
                target.flush();
            }
        }
    }
}
