package org.citycard.applet.tearing;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites applet bytecode so that every way it can write persistent memory goes through {@link MemoryHooks}:
 *
 * <ul>
 *   <li>array stores ({@code BASTORE}, {@code SASTORE}, {@code AASTORE}, …) become calls that store too;
 *   <li>{@code PUTFIELD} / {@code PUTSTATIC} get a call before them that counts and journals the field (not in
 *       constructors, which run at install time and may not touch an uninitialised {@code this});
 *   <li>{@code Util.arrayCopy…}, {@code arrayFill…}, {@code setShort}, {@code JCSystem} transactions and
 *       {@code makeTransient…}, {@code APDU.getBuffer}, and {@code setKey} / {@code clearKey} of keys are redirected;
 *   <li>API calls that write an output array (cipher, signature, digest, random, {@code getKey}) are redirected to
 *       a check that the output is RAM.
 * </ul>
 *
 * Static initialisers are left alone (class loading is not a card operation). Calls that write persistent state
 * inside the API where the runtime cannot see it ({@code OwnerPIN}, keys other than DES / AES) are refused when the
 * class is loaded, so that nothing escapes the model silently.
 */
final class PersistentWriteInstrumenter extends ClassVisitor {
    private static final String HOOKS = Type.getInternalName(MemoryHooks.class);
    private static final Map<String, String[]> CALLS = new HashMap<>();

    static {
        String util = "javacard/framework/Util.";
        redirect(util + "arrayCopy([BS[BSS)S", "arrayCopy", null);
        redirect(util + "arrayCopyNonAtomic([BS[BSS)S", "arrayCopyNonAtomic", null);
        redirect(util + "arrayFillNonAtomic([BSSB)S", "arrayFillNonAtomic", null);
        redirect(util + "arrayFill([BSSB)S", "arrayFill", null);
        redirect(util + "setShort([BSS)S", "setShort", null);
        String system = "javacard/framework/JCSystem.";
        redirect(system + "makeTransientByteArray(SB)[B", "makeTransientByteArray", null);
        redirect(system + "makeTransientBooleanArray(SB)[Z", "makeTransientBooleanArray", null);
        redirect(system + "makeTransientShortArray(SB)[S", "makeTransientShortArray", null);
        redirect(system + "makeTransientObjectArray(SB)[Ljava/lang/Object;", "makeTransientObjectArray", null);
        redirect(system + "makeGlobalArray(BS)Ljava/lang/Object;", "makeGlobalArray", null);
        redirect(system + "beginTransaction()V", "beginTransaction", null);
        redirect(system + "commitTransaction()V", "commitTransaction", null);
        redirect(system + "abortTransaction()V", "abortTransaction", null);
        redirect(system + "getTransactionDepth()B", "getTransactionDepth", null);
        redirect("javacard/framework/APDU.getBuffer()[B", "getBuffer", "(Ljavacard/framework/APDU;)[B");
        redirect("javacard/framework/APDU.getCurrentAPDUBuffer()[B", "getCurrentAPDUBuffer", null);
        for (String key : new String[] {"DESKey", "AESKey"}) {
            String owner = "javacard/security/" + key + ".";
            redirect(owner + "setKey([BS)V", "setKey", "(Ljava/lang/Object;[BS)V");
            redirect(owner + "getKey([BS)B", "getKey", "(Ljava/lang/Object;[BS)B");
        }
        String out = "[BSS[BS)S";
        redirect("javacardx/crypto/Cipher.doFinal(" + out, "cipherDoFinal", "(Ljavacardx/crypto/Cipher;" + out);
        redirect("javacardx/crypto/Cipher.update(" + out, "cipherUpdate", "(Ljavacardx/crypto/Cipher;" + out);
        redirect("javacard/security/Signature.sign(" + out, "signatureSign", "(Ljavacard/security/Signature;" + out);
        redirect(
                "javacard/security/MessageDigest.doFinal(" + out,
                "digestDoFinal",
                "(Ljavacard/security/MessageDigest;" + out);
        redirect(
                "javacard/security/KeyAgreement.generateSecret(" + out,
                "generateSecret",
                "(Ljavacard/security/KeyAgreement;" + out);
        redirect("javacard/security/RandomData.nextBytes([BSS)S", "nextBytes", "(Ljavacard/security/RandomData;[BSS)S");
        redirect(
                "javacard/security/RandomData.generateData([BSS)V",
                "generateData",
                "(Ljavacard/security/RandomData;[BSS)V");
    }

    /** Call {@code ownerNameDesc} becomes {@code MemoryHooks.hook} with {@code hookDesc} (null: the same descriptor). */
    private static void redirect(String ownerNameDesc, String hook, String hookDesc) {
        String desc = ownerNameDesc.substring(ownerNameDesc.indexOf('('));
        CALLS.put(ownerNameDesc, new String[] {hook, hookDesc == null ? desc : hookDesc});
    }

    private String className;

    PersistentWriteInstrumenter(ClassVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(
            int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (name.equals("<clinit>")) {
            return mv;
        }
        return new StoreRedirector(mv, name.equals("<init>"), className + "." + name);
    }

    private static final class StoreRedirector extends MethodVisitor {
        private final boolean constructor;
        private final String method;

        StoreRedirector(MethodVisitor next, boolean constructor, String method) {
            super(Opcodes.ASM9, next);
            this.constructor = constructor;
            this.method = method;
        }

        private void hook(String name, String descriptor) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
        }

        @Override
        public void visitInsn(int opcode) {
            switch (opcode) {
                case Opcodes.BASTORE -> hook("bastore", "(Ljava/lang/Object;II)V");
                case Opcodes.SASTORE -> hook("sastore", "([SII)V");
                case Opcodes.CASTORE -> hook("castore", "([CII)V");
                case Opcodes.IASTORE -> hook("iastore", "([III)V");
                case Opcodes.AASTORE -> hook("aastore", "([Ljava/lang/Object;ILjava/lang/Object;)V");
                case Opcodes.LASTORE, Opcodes.FASTORE, Opcodes.DASTORE -> throw new UnsupportedOperationException(
                        method + " stores into a long, float or double array, which Java Card does not have");
                default -> super.visitInsn(opcode);
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.PUTFIELD && !constructor) {
                if (Type.getType(descriptor).getSize() == 2) {
                    throw new UnsupportedOperationException(
                            method + " writes the long or double field " + name + ", which Java Card does not have");
                }
                // objectref, value → objectref, value, objectref → hook(objectref, owner, name) → objectref, value
                super.visitInsn(Opcodes.DUP2);
                super.visitInsn(Opcodes.POP);
                super.visitLdcInsn(Type.getObjectType(owner));
                super.visitLdcInsn(name);
                hook("putField", "(Ljava/lang/Object;Ljava/lang/Class;Ljava/lang/String;)V");
            } else if (opcode == Opcodes.PUTSTATIC) {
                super.visitLdcInsn(Type.getObjectType(owner));
                super.visitLdcInsn(name);
                hook("putStatic", "(Ljava/lang/Class;Ljava/lang/String;)V");
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String[] target = CALLS.get(owner + "." + name + descriptor);
            if (target != null) {
                hook(target[0], target[1]);
                return;
            }
            if (owner.startsWith("javacard/security/") && name.equals("clearKey") && descriptor.equals("()V")) {
                hook("clearKey", "(Ljava/lang/Object;)V");
                return;
            }
            if ((owner.startsWith("javacard/security/") && owner.endsWith("Key") && name.startsWith("set"))
                    || (owner.equals("javacard/framework/OwnerPIN")
                            && !name.startsWith("get")
                            && !name.equals("isValidated")
                            && !name.equals("reset")
                            && !name.equals("<init>"))) {
                throw new UnsupportedOperationException(method + " calls " + owner + "." + name
                        + ", which writes persistent state inside the Java Card API where the tearing runtime"
                        + " cannot journal it");
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }
}
