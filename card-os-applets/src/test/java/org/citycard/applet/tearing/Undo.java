package org.citycard.applet.tearing;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import javacard.security.AESKey;
import javacard.security.DESKey;
import javacard.security.Key;

/**
 * One entry of an undo log: what a persistent location held before a write. The transaction journal of
 * {@link CardMemory} and its checkpoint history are lists of these, undone newest first.
 */
sealed interface Undo {
    void undo();

    /** {@code length} elements of any array from {@code from}: a copy of their old values. */
    record ArrayRange(Object array, int from, Object old) implements Undo {
        static ArrayRange of(Object array, int from, int length) {
            Object old = Array.newInstance(array.getClass().getComponentType(), length);
            System.arraycopy(array, from, old, 0, length);
            return new ArrayRange(array, from, old);
        }

        @Override
        public void undo() {
            System.arraycopy(old, 0, array, from, Array.getLength(old));
        }
    }

    /** A field of an object, or a static field when {@code target} is null. */
    record FieldValue(Field field, Object target, Object old) implements Undo {
        static FieldValue of(Field field, Object target) {
            try {
                return new FieldValue(field, target, field.get(target));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + field + " to journal it", e);
            }
        }

        @Override
        public void undo() {
            try {
                field.set(target, old);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot restore " + field, e);
            }
        }
    }

    /** The value of a persistent secret key; {@code old} null when it was not initialised. */
    record KeyValue(Key key, byte[] old) implements Undo {
        static KeyValue of(Key key) {
            if (!key.isInitialized()) {
                return new KeyValue(key, null);
            }
            byte[] old = new byte[key.getSize() / 8];
            if (key instanceof DESKey des) {
                des.getKey(old, (short) 0);
            } else if (key instanceof AESKey aes) {
                aes.getKey(old, (short) 0);
            } else {
                throw unsupported(key);
            }
            return new KeyValue(key, old);
        }

        static UnsupportedOperationException unsupported(Key key) {
            return new UnsupportedOperationException("the tearing runtime journals DES and AES keys only, not "
                    + key.getClass().getName() + " (key type " + key.getType() + ")");
        }

        @Override
        public void undo() {
            if (old == null) {
                key.clearKey();
            } else if (key instanceof DESKey des) {
                des.setKey(old, (short) 0);
            } else {
                ((AESKey) key).setKey(old, (short) 0);
            }
        }
    }
}
