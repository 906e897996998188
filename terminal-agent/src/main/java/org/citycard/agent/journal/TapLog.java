package org.citycard.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The tap's write-ahead file beside the Derby journal ({@code <journal>.taplog}): a purchase's PENDING record is
 * appended and forced ({@link FileChannel#force force(false)}, fdatasync) before the debit is sent — the tap's one
 * forced write, no Derby statement on its path — and its completion (the TAC) is appended unforced, written and forced
 * with the next record or by the journal's flush. The journal folds the file's records into Derby in batches and then
 * empties the file.
 *
 * <p>Format: the 8 ASCII bytes {@code CCTAPLG1} and the epoch (u64, big-endian), then records, each {@code length}
 * (u32, of the payload), {@code crc} (u32, CRC32C of the length's 4 bytes and the payload), payload = {@code epoch}
 * (u64), {@code kind} (u8: 1 BEGIN, 2 COMPLETE), {@code id} (u64, the journal's record id), body (BEGIN: the
 * dictionary's offline_record bytes, TAC zero; COMPLETE: the 4-byte TAC). Every write ends with 8 zero bytes (a
 * length of 0: the end), which the next write overwrites. The file is preallocated with zeros and written in place,
 * so a forced write changes no file metadata (fdatasync forces the data only, as Derby's preallocated log does);
 * emptying it writes the next epoch into the header — the records of earlier epochs after it are no longer read.
 * Reading: a record that does not check (runs past the end, CRC mismatch, bad length) is the torn tail of the last
 * write when no record of the current epoch that checks follows it — dropped, since its force never returned (a torn
 * BEGIN was never sent to the card); anywhere else it is refused, naming the file, the offset and this rule.
 */
final class TapLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TapLog.class.getName());
    static final byte[] MAGIC = "CCTAPLG1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = MAGIC.length + 8;
    static final byte BEGIN = 1;
    static final byte COMPLETE = 2;
    /** Bytes before a record's payload: length and CRC. */
    static final int FRAME = 8;
    /** Payload bytes before the body: epoch, kind and id. */
    static final int PREFIX = 17;
    /** Bytes preallocated (zeros) when the file is made; doubled when the records outgrow them. */
    static final int PREALLOCATED = 256 * 1024;

    private static final byte[] END = new byte[FRAME];
    /** The longest payload a record may claim (a longer length is damage). */
    static final int MAX_PAYLOAD = 4096;

    /** One record as read back: where it starts, its kind, the record id and its body. */
    record Entry(long offset, byte kind, long id, byte[] body) {}

    private final Path file;
    private final FileChannel channel;
    /** Bytes of the file that hold records (the next record goes there). */
    private long end;
    /** Bytes of the file allocated (zeros past {@link #end}). */
    private long capacity;
    /** The epoch of the records being read and written: bumped each time the log is emptied. */
    private long epoch;
    /** Records appended and not yet written: completions waiting for the next forced write. */
    private ByteBuffer buffered = ByteBuffer.allocate(1024);
    /** When the oldest buffered record was appended (nanos); -1 when none is. */
    private long bufferedSince = -1;
    /** A write, force or truncation failed: the file's end is not known until it is emptied again. */
    private boolean broken;

    private final CRC32C crc = new CRC32C();
    private final List<Entry> recovered;

    private TapLog(Path file, FileChannel channel, long epoch, long end, long capacity, List<Entry> recovered) {
        this.file = file;
        this.channel = channel;
        this.epoch = epoch;
        this.end = end;
        this.capacity = capacity;
        this.recovered = recovered;
    }

    /** A log that keeps nothing (for a journal in memory, which survives nothing anyway). */
    static TapLog inMemory() {
        return new TapLog(null, null, 1, HEADER, Long.MAX_VALUE, List.of());
    }

    /** Where the records read at open end (the next write goes there). */
    long end() {
        return end;
    }

    private static ByteBuffer header(long epoch) {
        return ByteBuffer.allocate(HEADER).put(MAGIC).putLong(epoch).flip();
    }

    /** Opens (creating when missing) the log file and reads the records it holds. */
    static TapLog open(Path file) {
        try {
            boolean created = !Files.exists(file);
            FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                long size = ch.size();
                if (size < HEADER) {
                    if (size > 0) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "the tap log " + file + " holds " + size
                                        + " bytes, less than its header: its creation was torn; it starts empty");
                    }
                    ch.truncate(0);
                    ch.write(header(1), 0);
                    zeros(ch, HEADER, PREALLOCATED);
                    ch.force(true);
                    if (created) {
                        forceDirectory(file);
                    }
                    return new TapLog(file, ch, 1, HEADER, PREALLOCATED, List.of());
                }
                byte[] all = new byte[(int) size];
                ByteBuffer b = ByteBuffer.wrap(all);
                while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
                    // read the whole file: it holds at most the records of one fold batch, a few kilobytes
                }
                if (!Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                    throw new JournalException("the tap log " + file + " does not start with "
                            + new String(MAGIC, StandardCharsets.US_ASCII)
                            + ": it is not a CityCard tap log; move it away (the journal refuses to open over it)");
                }
                long epoch = ByteBuffer.wrap(all, MAGIC.length, 8).getLong();
                List<Entry> entries = read(file, all, epoch);
                long end = entries.isEmpty()
                        ? HEADER
                        : entries.get(entries.size() - 1).offset()
                                + FRAME
                                + PREFIX
                                + entries.get(entries.size() - 1).body().length;
                return new TapLog(file, ch, epoch, end, size, entries);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new JournalException(
                    "cannot open the tap log " + file + ": " + e.getMessage()
                            + " (it lives beside the journal directory and must be writable)",
                    e);
        }
    }

    /** Writes zeros over [from, to) (allocated blocks: a later write in place changes no metadata). */
    private static void zeros(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer z = ByteBuffer.allocate(64 * 1024);
        for (long at = from; at < to; ) {
            z.clear().limit((int) Math.min(z.capacity(), to - at));
            at += ch.write(z, at);
        }
    }

    private static void forceDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot force a directory; the file's own force still holds its bytes
        }
    }

    /** The records of a log's bytes, a torn tail dropped, a damaged record elsewhere refused. */
    static List<Entry> read(Path file, byte[] all, long epoch) {
        List<Entry> out = new ArrayList<>();
        int pos = HEADER;
        while (pos < all.length) {
            if (all.length - pos >= FRAME && ByteBuffer.wrap(all, pos, 4).getInt() == 0) {
                break; // the end of the last write
            }
            String damage = damage(all, pos, epoch);
            if (damage == null) {
                int len = ByteBuffer.wrap(all, pos, 4).getInt();
                ByteBuffer p = ByteBuffer.wrap(all, pos + FRAME, len);
                if (p.getLong() != epoch) {
                    break; // a record of an earlier epoch: the log was emptied after it
                }
                byte kind = p.get();
                long id = p.getLong();
                byte[] body = new byte[len - PREFIX];
                p.get(body);
                out.add(new Entry(pos, kind, id, body));
                pos += FRAME + len;
                continue;
            }
            for (int later = pos + 1; later + FRAME + PREFIX <= all.length; later++) {
                if (damage(all, later, epoch) == null
                        && ByteBuffer.wrap(all, later + FRAME, 8).getLong() == epoch) {
                    throw new JournalException("the tap log " + file + " is damaged at offset " + pos + " (" + damage
                            + ") and a sound record follows at offset " + later
                            + ": only a torn last record (nothing sound after it) may be dropped, and a record"
                            + " before the end was acknowledged; the journal refuses to open. Keep the file for"
                            + " inspection and restore it, or move it away knowing that its records after offset "
                            + pos + " are lost");
                }
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the tap log " + file + " ends in a torn record at offset " + pos + " (" + damage + ", "
                            + (all.length - pos) + " bytes): dropped — its write was never acknowledged (a purchase"
                            + " whose record is torn was never sent to the card); " + out.size()
                            + " records before it are kept");
            break;
        }
        return out;
    }

    /** Why the record at {@code pos} does not check, or null when it does. */
    private static String damage(byte[] all, int pos, long epoch) {
        if (all.length - pos < FRAME) {
            return "a partial header of " + (all.length - pos) + " bytes";
        }
        ByteBuffer h = ByteBuffer.wrap(all, pos, FRAME);
        int len = h.getInt();
        int stored = h.getInt();
        if (len < PREFIX || len > MAX_PAYLOAD) {
            return "length " + len + " outside " + PREFIX + ".." + MAX_PAYLOAD;
        }
        if ((long) pos + FRAME + len > all.length) {
            return "length " + len + " runs past the end of the file";
        }
        CRC32C c = new CRC32C();
        c.update(all, pos, 4);
        c.update(all, pos + FRAME, len);
        if ((int) c.getValue() != stored) {
            return "CRC32C mismatch";
        }
        if (ByteBuffer.wrap(all, pos + FRAME, 8).getLong() > epoch) {
            return "epoch later than the file's";
        }
        return null;
    }

    /** The records read when the log was opened (before anything was appended). */
    List<Entry> recovered() {
        return recovered;
    }

    Path file() {
        return file;
    }

    boolean broken() {
        return broken;
    }

    /** True when the file or the buffer holds records (the journal folded not all of them yet, or not emptied it). */
    boolean holdsRecords() {
        return end > HEADER || buffered.position() > 0 || broken;
    }

    /** When the oldest completion not yet written was appended (nanos); -1 when none waits. */
    long bufferedSince() {
        return bufferedSince;
    }

    private void put(byte kind, long id, byte[] body) {
        int len = PREFIX + body.length;
        if (buffered.remaining() < FRAME + len) {
            ByteBuffer bigger =
                    ByteBuffer.allocate(Math.max(buffered.capacity() * 2, buffered.position() + FRAME + len));
            buffered.flip();
            bigger.put(buffered);
            buffered = bigger;
        }
        int start = buffered.position();
        buffered.putInt(len).putInt(0).putLong(epoch).put(kind).putLong(id).put(body);
        crc.reset();
        crc.update(buffered.array(), start, 4);
        crc.update(buffered.array(), start + FRAME, len);
        buffered.putInt(start + 4, (int) crc.getValue());
    }

    /**
     * Appends a purchase's record and forces it to disk with every completion buffered before it: when this returns
     * the record is durable. Throws when it may not be (the log is broken then until the journal empties it).
     */
    void appendBegin(long id, byte[] record) throws IOException {
        put(BEGIN, id, record);
        writeAndForce();
    }

    /** Appends a completion unforced: written and forced with the next record or {@link #flush}. */
    void appendComplete(long id, byte[] tac) {
        put(COMPLETE, id, tac);
        if (bufferedSince < 0) {
            bufferedSince = System.nanoTime();
        }
    }

    /** Writes and forces what is buffered. */
    void flush() throws IOException {
        if (buffered.position() > 0) {
            writeAndForce();
        }
    }

    private void writeAndForce() throws IOException {
        if (channel == null) {
            buffered.clear();
            bufferedSince = -1;
            return;
        }
        if (broken) {
            throw new IOException("an earlier write of this log failed and the log was not emptied since");
        }
        if (buffered.remaining() < FRAME) {
            ByteBuffer bigger = ByteBuffer.allocate(buffered.capacity() * 2);
            buffered.flip();
            bigger.put(buffered);
            buffered = bigger;
        }
        int records = buffered.position();
        buffered.put(END); // the end marker, overwritten by the next write
        buffered.flip();
        try {
            if (end + records + FRAME > capacity) {
                long grown = Math.max(capacity * 2, end + records + FRAME);
                zeros(channel, capacity, grown);
                channel.force(true);
                capacity = grown;
            }
            long at = end;
            while (buffered.hasRemaining()) {
                at += channel.write(buffered, at);
            }
            channel.force(false);
            end += records;
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        } finally {
            buffered.clear();
            bufferedSince = -1;
        }
    }

    /**
     * Empties the log: every record it held (written or buffered) is in Derby now. The next epoch is written into
     * its header and forced; a failure leaves it broken (the next tap refuses until an emptying succeeds).
     */
    void reset() throws IOException {
        buffered.clear();
        bufferedSince = -1;
        if (channel == null) {
            return;
        }
        try {
            // the next epoch in the header (one small write in place): the records after it are of an earlier one
            ByteBuffer h = header(epoch + 1);
            while (h.hasRemaining()) {
                channel.write(h, h.position());
            }
            channel.force(false);
            epoch++;
            end = HEADER;
            broken = false;
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** As a kill leaves it: what is buffered is lost, the file keeps what was written. */
    void abandon() {
        buffered.clear();
        bufferedSince = -1;
        closeChannel();
    }

    @Override
    public void close() {
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
