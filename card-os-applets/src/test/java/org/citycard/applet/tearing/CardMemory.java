package org.citycard.applet.tearing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javacard.framework.JCSystem;
import javacard.framework.TransactionException;
import javacard.security.Key;
import javacard.security.KeyBuilder;

/**
 * The model of one card's memory that jCardSim lacks, fed by the instrumented applet code through
 * {@link MemoryHooks}:
 *
 * <ul>
 *   <li>every object and array is persistent (EEPROM) unless it was made by {@code JCSystem.makeTransient…} or is
 *       the APDU buffer — those are RAM, tracked by identity here, cleared when the power goes;
 *   <li>each persistent write is counted; when the count reaches the armed number the write does not land and a
 *       {@link Tear} unwinds the applet; from then on the card has no power and every write tears again;
 *   <li>writes inside {@code beginTransaction … commitTransaction} are journaled and undone when the transaction
 *       does not commit: {@code abortTransaction}, a command that returns or throws with the transaction open (the
 *       JCRE aborts it), or a tear (rolled back at the next power-up). The commit itself is one write, the commit
 *       record: a tear there rolls the transaction back;
 *   <li>writes outside a transaction, and the {@code NonAtomic} ones even inside (JC API: they do not use the
 *       transaction facility), land as they happen and stay;
 *   <li>a checkpoint records the old value of every persistent write, journaled or not, so that a test can bring
 *       the card back to the state of the checkpoint as often as it likes.
 * </ul>
 */
public final class CardMemory {
    /** Transient kind of the APDU buffer and global arrays: jCardSim manages their content. */
    static final byte APDU_BUFFER = 0;

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final List<String> trace = new ArrayList<>();
    private final Map<Object, Byte> transientArrays = new IdentityHashMap<>();
    private final Set<Key> transientKeys = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Undo> journal = new ArrayList<>();
    /** Bytes the card's random number generator answers next, in order (a test's known-answer vector), then real ones. */
    private final java.util.ArrayDeque<Byte> scriptedRandom = new java.util.ArrayDeque<>();

    private List<Undo> history;
    private boolean inTransaction;
    private long writes;
    private long tearAt;
    private Tear tear;
    private IllegalStateException unmodelled;

    // ------------------------------------------------------------------ what is RAM

    void registerTransient(Object array, byte clearEvent) {
        transientArrays.put(array, clearEvent);
    }

    /** True for arrays made by {@code JCSystem.makeTransient…} and for the APDU buffer. */
    /** The next {@code RandomData} bytes the applets draw are {@code bytes} (then the simulator's own again). */
    public synchronized void scriptRandom(byte[] bytes) {
        for (byte b : bytes) {
            scriptedRandom.add(b);
        }
    }

    /** Fills {@code buffer} from the scripted bytes; false (nothing written) when fewer than {@code length} are left. */
    synchronized boolean takeScriptedRandom(byte[] buffer, int offset, int length) {
        if (scriptedRandom.size() < length || length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = scriptedRandom.poll();
        }
        return true;
    }

    public boolean isTransient(Object array) {
        return transientArrays.containsKey(array);
    }

    static boolean isTransientKey(Key key) {
        byte type = key.getType();
        return type == KeyBuilder.TYPE_DES_TRANSIENT_RESET
                || type == KeyBuilder.TYPE_DES_TRANSIENT_DESELECT
                || type == KeyBuilder.TYPE_AES_TRANSIENT_RESET
                || type == KeyBuilder.TYPE_AES_TRANSIENT_DESELECT;
    }

    // ------------------------------------------------------------------ writes

    /** Counts one persistent write; tears instead when it is the armed one or when the card has no power. */
    void write(String what) {
        if (tear != null) {
            throw new Tear(tear.write(), "after the tear, without power: " + what);
        }
        writes++;
        String described = what + (inTransaction ? ", inside a transaction" : ", outside any transaction");
        trace.add(described + " at " + site());
        if (writes == tearAt) {
            tear = new Tear(writes, described);
            throw tear;
        }
    }

    /** The applet method and line making the current write: the first frame outside this package. */
    static String site() {
        return WALKER.walk(frames -> frames.filter(
                        f -> !f.getDeclaringClass().getPackageName().equals(CardMemory.class.getPackageName()))
                .findFirst()
                .map(f -> f.getDeclaringClass().getSimpleName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                .orElse("?"));
    }

    /** Keeps what a write is about to overwrite: in the journal when it is transactional, in the checkpoint history. */
    void keep(Undo undo, boolean transactional) {
        if (transactional && inTransaction) {
            journal.add(undo);
        }
        if (history != null) {
            history.add(undo);
        }
    }

    /** An array element store ({@code xASTORE}) into a persistent array. */
    void arrayStore(Object array, int index, String what) {
        write(what);
        keep(Undo.ArrayRange.of(array, index, 1), true);
    }

    /** An atomic store of {@code length} elements from {@code from}: one write, all or nothing. */
    void atomicStore(Object array, int from, int length, String what) {
        write(what);
        keep(Undo.ArrayRange.of(array, from, length), true);
    }

    /** One byte of a {@code NonAtomic} copy or fill: a write of its own, never journaled. */
    void nonAtomicStore(byte[] array, int index, String what) {
        write(what);
        keep(Undo.ArrayRange.of(array, index, 1), false);
    }

    void fieldStore(java.lang.reflect.Field field, Object target) {
        write((target == null ? "static field " : "field ")
                + field.getDeclaringClass().getSimpleName() + "." + field.getName());
        keep(Undo.FieldValue.of(field, target), true);
    }

    /** {@code setKey} / {@code clearKey} of a key: a journaled write for a persistent key, RAM for a transient one. */
    void keyStore(Key key, String what) {
        if (isTransientKey(key)) {
            requirePower();
            transientKeys.add(key);
            return;
        }
        write(what);
        keep(Undo.KeyValue.of(key), true);
    }

    private void requirePower() {
        if (tear != null) {
            throw new Tear(tear.write(), "after the tear, without power");
        }
    }

    // ------------------------------------------------------------------ transactions

    void beginTransaction() {
        requirePower();
        if (inTransaction) {
            TransactionException.throwIt(TransactionException.IN_PROGRESS);
        }
        inTransaction = true;
    }

    void commitTransaction() {
        if (!inTransaction) {
            TransactionException.throwIt(TransactionException.NOT_IN_PROGRESS);
        }
        write("commitTransaction (the commit record)");
        journal.clear();
        inTransaction = false;
    }

    void abortTransaction() {
        requirePower();
        if (!inTransaction) {
            TransactionException.throwIt(TransactionException.NOT_IN_PROGRESS);
        }
        rollBack();
    }

    byte transactionDepth() {
        return inTransaction ? (byte) 1 : (byte) 0;
    }

    public boolean inTransaction() {
        return inTransaction;
    }

    private void rollBack() {
        for (int i = journal.size() - 1; i >= 0; i--) {
            journal.get(i).undo();
        }
        journal.clear();
        inTransaction = false;
    }

    // ------------------------------------------------------------------ the card's life

    /** After each command: the JCRE aborts a transaction that {@code process()} left open, by return or exception. */
    void endOfCommand() {
        if (inTransaction && tear == null) {
            rollBack();
        }
    }

    /** Power-up after a tear or a power-off: an interrupted transaction is rolled back and all RAM is cleared. */
    void powerUp() {
        if (inTransaction) {
            rollBack();
        }
        for (Map.Entry<Object, Byte> e : transientArrays.entrySet()) {
            if (e.getValue() == JCSystem.CLEAR_ON_RESET || e.getValue() == JCSystem.CLEAR_ON_DESELECT) {
                clear(e.getKey());
            }
        }
        for (Key key : transientKeys) {
            key.clearKey();
        }
        tear = null;
        tearAt = 0;
    }

    private static void clear(Object array) {
        if (array instanceof byte[] b) {
            Arrays.fill(b, (byte) 0);
        } else if (array instanceof boolean[] z) {
            Arrays.fill(z, false);
        } else if (array instanceof short[] s) {
            Arrays.fill(s, (short) 0);
        } else if (array instanceof Object[] o) {
            Arrays.fill(o, null);
        }
    }

    // ------------------------------------------------------------------ counting and tearing

    /** Restarts the write count; the {@code tearAtWrite}-th write from now tears (0: none does). */
    void count(long tearAtWrite) {
        writes = 0;
        tearAt = tearAtWrite;
        trace.clear();
    }

    /** What each write since counting started was and where the applet made it (the torn one last). */
    public List<String> trace() {
        return List.copyOf(trace);
    }

    /** Persistent writes since counting last started. */
    public long writes() {
        return writes;
    }

    /** Records that the applet did something the model cannot follow; {@link TearableCard#transmit} throws it. */
    IllegalStateException unmodelled(String what) {
        if (unmodelled == null) {
            unmodelled = new IllegalStateException(what);
        }
        return unmodelled;
    }

    /** The first unmodelled write since the last call, or null; clears it. */
    IllegalStateException takeUnmodelled() {
        IllegalStateException e = unmodelled;
        unmodelled = null;
        return e;
    }

    /** The tear that cut the power, or null while the card is powered. */
    public Tear tear() {
        return tear;
    }

    // ------------------------------------------------------------------ checkpoints

    void checkpoint() {
        if (history != null) {
            throw new IllegalStateException("a checkpoint is already active on this card; release it first");
        }
        history = new ArrayList<>();
    }

    /** Undoes every persistent write since the checkpoint, which stays active. Call with the power just restored. */
    void restore() {
        if (history == null) {
            throw new IllegalStateException("no checkpoint to restore: call checkpoint() first");
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            history.get(i).undo();
        }
        history.clear();
        journal.clear();
        inTransaction = false;
    }

    void release() {
        history = null;
    }
}
