package org.citycard.applet.tearing;

import com.licel.jcardsim.base.SimulatorRuntime;
import com.licel.jcardsim.base.SimulatorSystem;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javacard.framework.APDU;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.DESKey;
import javacard.security.Key;
import javacard.security.KeyAgreement;
import javacard.security.MessageDigest;
import javacard.security.RandomData;
import javacard.security.Signature;
import javacardx.crypto.Cipher;

/**
 * What the instrumented applet bytecode calls instead of its persistent stores and of the {@code Util},
 * {@code JCSystem} and key methods that write (see {@link PersistentWriteInstrumenter}). Each method finds the
 * {@link CardMemory} of the card whose runtime is running (jCardSim's current runtime for the thread) and lets it
 * count, journal and tear, then does what the original instruction or call does. On a runtime without a memory
 * model it only does the original. Public because the instrumented classes live in another class loader; not an API.
 */
public final class MemoryHooks {
    private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private MemoryHooks() {}

    private static CardMemory memory() {
        SimulatorRuntime runtime = SimulatorSystem.instance();
        return runtime instanceof TearingRuntime tearing ? tearing.memory() : null;
    }

    /** The memory when {@code array} is persistent on a modelled card, else null. */
    private static CardMemory persistent(Object array) {
        CardMemory m = memory();
        return m != null && !m.isTransient(array) ? m : null;
    }

    private static void checkIndex(int length, int index) {
        if (index < 0 || index >= length) {
            throw new ArrayIndexOutOfBoundsException(index);
        }
    }

    private static void checkRange(byte[] array, int off, int length) {
        if (array == null) {
            throw new NullPointerException();
        }
        if (off < 0 || length < 0 || off + length > array.length) {
            throw new ArrayIndexOutOfBoundsException(off + length);
        }
    }

    private static String describe(Object array) {
        return array.getClass().getComponentType().getSimpleName() + "[" + java.lang.reflect.Array.getLength(array)
                + "]";
    }

    // ------------------------------------------------------------------ array stores (xASTORE)

    public static void bastore(Object array, int index, int value) {
        if (array instanceof byte[] b) {
            CardMemory m = persistent(b);
            if (m != null) {
                checkIndex(b.length, index);
                m.arrayStore(b, index, "array store into byte[" + b.length + "] at " + index);
            }
            b[index] = (byte) value;
        } else {
            boolean[] z = (boolean[]) array;
            CardMemory m = z == null ? null : persistent(z);
            if (m != null) {
                checkIndex(z.length, index);
                m.arrayStore(z, index, "array store into boolean[" + z.length + "] at " + index);
            }
            z[index] = (value & 1) != 0;
        }
    }

    public static void sastore(short[] array, int index, int value) {
        CardMemory m = array == null ? null : persistent(array);
        if (m != null) {
            checkIndex(array.length, index);
            m.arrayStore(array, index, "array store into short[" + array.length + "] at " + index);
        }
        array[index] = (short) value;
    }

    public static void castore(char[] array, int index, int value) {
        CardMemory m = array == null ? null : persistent(array);
        if (m != null) {
            checkIndex(array.length, index);
            m.arrayStore(array, index, "array store into char[" + array.length + "] at " + index);
        }
        array[index] = (char) value;
    }

    public static void iastore(int[] array, int index, int value) {
        CardMemory m = array == null ? null : persistent(array);
        if (m != null) {
            checkIndex(array.length, index);
            m.arrayStore(array, index, "array store into int[" + array.length + "] at " + index);
        }
        array[index] = value;
    }

    public static void aastore(Object[] array, int index, Object value) {
        CardMemory m = array == null ? null : persistent(array);
        if (m != null) {
            checkIndex(array.length, index);
            m.arrayStore(array, index, "array store into " + describe(array) + " at " + index);
        }
        array[index] = value;
    }

    // ------------------------------------------------------------------ field stores (PUTFIELD, PUTSTATIC)

    /** Before {@code PUTFIELD owner.name} on {@code target} (objects are persistent on a card). */
    public static void putField(Object target, Class<?> owner, String name) {
        CardMemory m = memory();
        if (m != null && target != null) {
            m.fieldStore(field(owner, name), target);
        }
    }

    /** Before {@code PUTSTATIC owner.name}. */
    public static void putStatic(Class<?> owner, String name) {
        CardMemory m = memory();
        if (m != null) {
            m.fieldStore(field(owner, name), null);
        }
    }

    private static Field field(Class<?> owner, String name) {
        return FIELDS.get(owner).computeIfAbsent(name, n -> {
            for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField(n);
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException e) {
                    // declared higher up
                }
            }
            throw new IllegalStateException("no field " + n + " in " + owner.getName() + " or its superclasses");
        });
    }

    // ------------------------------------------------------------------ javacard.framework.Util

    /** {@code Util.arrayCopy}: atomic — one write, all or nothing — and journaled inside a transaction. */
    public static short arrayCopy(byte[] src, short srcOff, byte[] dest, short destOff, short length) {
        CardMemory m = dest == null ? null : persistent(dest);
        if (m == null) {
            return Util.arrayCopy(src, srcOff, dest, destOff, length);
        }
        checkRange(src, srcOff, length);
        checkRange(dest, destOff, length);
        if (length > 0) {
            m.atomicStore(
                    dest,
                    destOff,
                    length,
                    "Util.arrayCopy of " + length + " bytes into byte[" + dest.length + "] at " + destOff);
            System.arraycopy(src, srcOff, dest, destOff, length);
        }
        return (short) (destOff + length);
    }

    /** {@code Util.arrayCopyNonAtomic}: one write per byte, never journaled; a tear leaves the bytes before it. */
    public static short arrayCopyNonAtomic(byte[] src, short srcOff, byte[] dest, short destOff, short length) {
        CardMemory m = dest == null ? null : persistent(dest);
        if (m == null) {
            return Util.arrayCopyNonAtomic(src, srcOff, dest, destOff, length);
        }
        checkRange(src, srcOff, length);
        checkRange(dest, destOff, length);
        byte[] data = java.util.Arrays.copyOfRange(src, srcOff, srcOff + length);
        for (int i = 0; i < length; i++) {
            m.nonAtomicStore(
                    dest,
                    destOff + i,
                    "byte " + (i + 1) + " of " + length + " of Util.arrayCopyNonAtomic into byte[" + dest.length + "]");
            dest[destOff + i] = data[i];
        }
        return (short) (destOff + length);
    }

    /** {@code Util.arrayFillNonAtomic}: one write per byte, never journaled. */
    public static short arrayFillNonAtomic(byte[] bArray, short bOff, short bLen, byte bValue) {
        CardMemory m = bArray == null ? null : persistent(bArray);
        if (m == null) {
            return Util.arrayFillNonAtomic(bArray, bOff, bLen, bValue);
        }
        checkRange(bArray, bOff, bLen);
        for (int i = 0; i < bLen; i++) {
            m.nonAtomicStore(
                    bArray,
                    bOff + i,
                    "byte " + (i + 1) + " of " + bLen + " of Util.arrayFillNonAtomic into byte[" + bArray.length + "]");
            bArray[bOff + i] = bValue;
        }
        return (short) (bOff + bLen);
    }

    /** {@code Util.arrayFill} (3.0.5): atomic like {@code arrayCopy}. jCardSim declares it native: done here. */
    public static short arrayFill(byte[] bArray, short bOff, short bLen, byte bValue) {
        checkRange(bArray, bOff, bLen);
        CardMemory m = persistent(bArray);
        if (m != null && bLen > 0) {
            m.atomicStore(bArray, bOff, bLen, "Util.arrayFill of " + bLen + " bytes into byte[" + bArray.length + "]");
        }
        java.util.Arrays.fill(bArray, bOff, bOff + bLen, bValue);
        return (short) (bOff + bLen);
    }

    /** {@code Util.setShort}: the two bytes atomically. */
    public static short setShort(byte[] bArray, short bOff, short sValue) {
        CardMemory m = bArray == null ? null : persistent(bArray);
        if (m != null) {
            checkRange(bArray, bOff, 2);
            m.atomicStore(bArray, bOff, 2, "Util.setShort into byte[" + bArray.length + "] at " + bOff);
        }
        return Util.setShort(bArray, bOff, sValue);
    }

    // ------------------------------------------------------------------ javacard.framework.JCSystem

    public static byte[] makeTransientByteArray(short length, byte event) {
        return registered(JCSystem.makeTransientByteArray(length, event), event);
    }

    public static boolean[] makeTransientBooleanArray(short length, byte event) {
        return registered(JCSystem.makeTransientBooleanArray(length, event), event);
    }

    public static short[] makeTransientShortArray(short length, byte event) {
        return registered(JCSystem.makeTransientShortArray(length, event), event);
    }

    public static Object[] makeTransientObjectArray(short length, byte event) {
        return registered(JCSystem.makeTransientObjectArray(length, event), event);
    }

    public static Object makeGlobalArray(byte type, short length) {
        return registered(JCSystem.makeGlobalArray(type, length), CardMemory.APDU_BUFFER);
    }

    private static <T> T registered(T array, byte event) {
        CardMemory m = memory();
        if (m != null) {
            m.registerTransient(array, event);
        }
        return array;
    }

    public static void beginTransaction() {
        CardMemory m = memory();
        if (m == null) {
            JCSystem.beginTransaction();
        } else {
            m.beginTransaction();
        }
    }

    public static void commitTransaction() {
        CardMemory m = memory();
        if (m == null) {
            JCSystem.commitTransaction();
        } else {
            m.commitTransaction();
        }
    }

    public static void abortTransaction() {
        CardMemory m = memory();
        if (m == null) {
            JCSystem.abortTransaction();
        } else {
            m.abortTransaction();
        }
    }

    public static byte getTransactionDepth() {
        CardMemory m = memory();
        return m == null ? JCSystem.getTransactionDepth() : m.transactionDepth();
    }

    // ------------------------------------------------------------------ the APDU buffer is RAM

    public static byte[] getBuffer(APDU apdu) {
        return registered(apdu.getBuffer(), CardMemory.APDU_BUFFER);
    }

    public static byte[] getCurrentAPDUBuffer() {
        return registered(APDU.getCurrentAPDUBuffer(), CardMemory.APDU_BUFFER);
    }

    // ------------------------------------------------------------------ keys

    /** {@code DESKey.setKey} / {@code AESKey.setKey}: one atomic, journaled write of a persistent key. */
    public static void setKey(Object key, byte[] keyData, short kOff) {
        CardMemory m = memory();
        if (m != null) {
            m.keyStore((Key) key, "setKey of a persistent " + ((Key) key).getSize() + "-bit key");
        }
        if (key instanceof DESKey des) {
            des.setKey(keyData, kOff);
        } else {
            ((AESKey) key).setKey(keyData, kOff);
        }
    }

    public static void clearKey(Object key) {
        CardMemory m = memory();
        if (m != null) {
            m.keyStore((Key) key, "clearKey of a persistent key");
        }
        ((Key) key).clearKey();
    }

    // ------------------------------------------------------------------ API calls with an output array: RAM only

    /**
     * The Java Card API writes its output itself; a persistent output array would be a write this runtime does not
     * see. The applets never do that (RAM scratch, then {@code Util.arrayCopy}); if one ever does, fail loudly: the
     * card's next {@code transmit} throws, whatever jCardSim made of the exception.
     */
    private static void requireTransientOutput(byte[] out, String api) {
        CardMemory m = out == null ? null : persistent(out);
        if (m != null) {
            throw m.unmodelled(api + " writes its output into a persistent byte[" + out.length + "] at "
                    + CardMemory.site() + ", which the tearing runtime does not model: write into a transient"
                    + " array and copy with Util.arrayCopy");
        }
    }

    public static byte getKey(Object key, byte[] keyData, short kOff) {
        requireTransientOutput(keyData, "getKey");
        return key instanceof DESKey des ? des.getKey(keyData, kOff) : ((AESKey) key).getKey(keyData, kOff);
    }

    public static short cipherDoFinal(Cipher c, byte[] in, short inOff, short inLen, byte[] out, short outOff) {
        requireTransientOutput(out, "Cipher.doFinal");
        return c.doFinal(in, inOff, inLen, out, outOff);
    }

    public static short cipherUpdate(Cipher c, byte[] in, short inOff, short inLen, byte[] out, short outOff) {
        requireTransientOutput(out, "Cipher.update");
        return c.update(in, inOff, inLen, out, outOff);
    }

    public static short signatureSign(Signature s, byte[] in, short inOff, short inLen, byte[] out, short outOff) {
        requireTransientOutput(out, "Signature.sign");
        return s.sign(in, inOff, inLen, out, outOff);
    }

    public static short digestDoFinal(MessageDigest d, byte[] in, short inOff, short inLen, byte[] out, short off) {
        requireTransientOutput(out, "MessageDigest.doFinal");
        return d.doFinal(in, inOff, inLen, out, off);
    }

    public static short generateSecret(KeyAgreement k, byte[] in, short inOff, short inLen, byte[] out, short off) {
        requireTransientOutput(out, "KeyAgreement.generateSecret");
        return k.generateSecret(in, inOff, inLen, out, off);
    }

    public static short nextBytes(RandomData r, byte[] buffer, short offset, short length) {
        requireTransientOutput(buffer, "RandomData.nextBytes");
        CardMemory m = memory();
        if (m != null && m.takeScriptedRandom(buffer, offset, length)) {
            return (short) (offset + length);
        }
        return r.nextBytes(buffer, offset, length);
    }

    @SuppressWarnings("deprecation")
    public static void generateData(RandomData r, byte[] buffer, short offset, short length) {
        requireTransientOutput(buffer, "RandomData.generateData");
        r.generateData(buffer, offset, length);
    }
}
