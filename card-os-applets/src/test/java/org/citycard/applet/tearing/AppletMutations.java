package org.citycard.applet.tearing;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Deliberately broken variants of real applet methods, made by rewriting their bytecode as they load
 * ({@link InstrumentedApplets#with}): the tests use them to show that a tear sweep catches what it should.
 */
public final class AppletMutations {
    private static final String JCSYSTEM = "javacard/framework/JCSystem";
    private static final String UTIL = "javacard/framework/Util";

    private AppletMutations() {}

    /**
     * Drops {@code JCSystem.beginTransaction()} and {@code commitTransaction()} from {@code method} of class
     * {@code internalName} ("org/citycard/applet/purse/PurchaseCommands"): its writes then land one by one.
     */
    public static ClassTransform withoutTransaction(String internalName, String method) {
        return inMethod(internalName, method, next -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                boolean transaction =
                        owner.equals(JCSYSTEM) && (name.equals("beginTransaction") || name.equals("commitTransaction"));
                if (!transaction) {
                    super.visitMethodInsn(opcode, owner, name, desc, itf);
                }
            }
        });
    }

    /**
     * Replaces the {@code occurrence}-th {@code Util.arrayCopy} (1 = the first) in {@code method} by
     * {@code Util.arrayCopyNonAtomic}, which is neither atomic nor journaled.
     */
    public static ClassTransform nonAtomicCopy(String internalName, String method, int occurrence) {
        return inMethod(internalName, method, next -> new MethodVisitor(Opcodes.ASM9, next) {
            private int seen;

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                if (owner.equals(UTIL) && name.equals("arrayCopy") && ++seen == occurrence) {
                    super.visitMethodInsn(opcode, owner, "arrayCopyNonAtomic", desc, itf);
                } else {
                    super.visitMethodInsn(opcode, owner, name, desc, itf);
                }
            }
        });
    }

    private interface MethodRewrite {
        MethodVisitor wrap(MethodVisitor next);
    }

    private static ClassTransform inMethod(String internalName, String method, MethodRewrite rewrite) {
        return (className, next) -> !className.equals(internalName)
                ? next
                : new ClassVisitor(Opcodes.ASM9, next) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                        return name.equals(method) ? rewrite.wrap(mv) : mv;
                    }
                };
    }
}
