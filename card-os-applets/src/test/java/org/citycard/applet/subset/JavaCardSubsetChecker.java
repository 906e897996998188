package org.citycard.applet.subset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Checks compiled classes against the Java Card 3.0.5 classic subset and the card habits of CONVENTIONS.md, from
 * their bytecode: no {@code int} / {@code long} / {@code float} / {@code double} / {@code char} values (field, method
 * and local-variable types, opcodes, constants beyond {@code short}), no {@code String}, no class outside
 * {@code javacard.*}, {@code javacardx.*}, {@code java.lang} exceptions and {@code Object} and the card
 * packages it is given, no {@code synchronized}, lambdas or multi-dimensional arrays, no mutable static field, and allocation
 * ({@code new}, arrays, {@code makeTransient…}, key and engine factories) only where the card runs it once: in
 * constructors, {@code install}, static initialisers of constant arrays and methods called only from those.
 *
 * <p>A JVM computes {@code short} arithmetic with int opcodes ({@code iadd}, {@code i2s}); the converter maps them to
 * short opcodes, so they are allowed. What it cannot map is an int-typed value kept anywhere: those are refused.
 */
public final class JavaCardSubsetChecker {
    private static final Set<String> JAVA_LANG_ALLOWED = Set.of(
            "java/lang/Object",
            "java/lang/Throwable",
            "java/lang/Exception",
            "java/lang/RuntimeException",
            "java/lang/ArithmeticException",
            "java/lang/ArrayIndexOutOfBoundsException",
            "java/lang/ArrayStoreException",
            "java/lang/ClassCastException",
            "java/lang/IndexOutOfBoundsException",
            "java/lang/NegativeArraySizeException",
            "java/lang/NullPointerException",
            "java/lang/SecurityException");

    /** Calls that allocate on the card. */
    private static final Set<String> ALLOCATING_CALLS = Set.of(
            "javacard/framework/JCSystem.makeTransientByteArray",
            "javacard/framework/JCSystem.makeTransientShortArray",
            "javacard/framework/JCSystem.makeTransientBooleanArray",
            "javacard/framework/JCSystem.makeTransientObjectArray",
            "javacard/framework/JCSystem.makeGlobalArray",
            "javacard/security/KeyBuilder.buildKey",
            "javacard/security/KeyAgreement.getInstance",
            "javacard/security/MessageDigest.getInstance",
            "javacard/security/RandomData.getInstance",
            "javacard/security/Signature.getInstance",
            "javacardx/crypto/Cipher.getInstance");

    private final Set<String> cardPackages;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, ClassNode> classes = new HashMap<>();

    /**
     * @param cardPackages internal names of the card packages whose classes the checked code may use, e.g.
     *     {@code org/citycard/applet} (each package alone: a sub-package is card code only when listed)
     */
    public JavaCardSubsetChecker(String... cardPackages) {
        this.cardPackages = Set.of(cardPackages);
    }

    /** Adds the class files directly in {@code dir} (sub-packages are not card code). */
    public JavaCardSubsetChecker addDirectory(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    add(in.readAllBytes());
                }
            }
        }
        return this;
    }

    public JavaCardSubsetChecker add(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        classes.put(node.name, node);
        return this;
    }

    public int classCount() {
        return classes.size();
    }

    /** Internal names of the classes added ({@code org/citycard/applet/Sm4}, …). */
    public Set<String> classNames() {
        return Set.copyOf(classes.keySet());
    }

    /** Runs every rule and returns the violations, each naming the class, the member and the rule. */
    public List<String> check() {
        violations.clear();
        Set<String> initOnly = initialisationMethods();
        for (ClassNode c : classes.values()) {
            checkClass(c, initOnly);
        }
        return List.copyOf(violations);
    }

    private void checkClass(ClassNode c, Set<String> initOnly) {
        String where = c.name.replace('/', '.');
        if ((c.access & Opcodes.ACC_ENUM) != 0) {
            violation(where, "is an enum");
        }
        checkType(where, "superclass", Type.getObjectType(c.superName));
        for (String i : c.interfaces) {
            checkType(where, "interface", Type.getObjectType(i));
        }
        for (FieldNode f : c.fields) {
            String fw = where + "." + f.name;
            checkType(fw, "field type", Type.getType(f.desc));
            if ((f.access & Opcodes.ACC_STATIC) != 0 && (f.access & Opcodes.ACC_FINAL) == 0) {
                violation(fw, "static field that is not final (per-applet state must live in instance fields)");
            }
        }
        for (MethodNode m : c.methods) {
            checkMethod(c, m, initOnly.contains(key(c.name, m.name, m.desc)));
        }
    }

    private void checkMethod(ClassNode c, MethodNode m, boolean initialisation) {
        String where = c.name.replace('/', '.') + "." + m.name + m.desc;
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            violation(where, "synchronized method");
        }
        Type mt = Type.getMethodType(m.desc);
        checkType(where, "return type", mt.getReturnType());
        for (Type a : mt.getArgumentTypes()) {
            checkType(where, "parameter type", a);
        }
        if (m.instructions.size() > 0 && m.localVariables == null) {
            violation(where, "no local-variable table: compile with debug information (-g) so locals can be checked");
        }
        if (m.localVariables != null) {
            for (LocalVariableNode v : m.localVariables) {
                checkType(where + " local " + v.name, "local variable type", Type.getType(v.desc));
            }
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            if (t.type != null) {
                checkType(where, "caught type", Type.getObjectType(t.type));
            }
        }
        boolean clinit = m.name.equals("<clinit>");
        for (AbstractInsnNode insn : m.instructions) {
            checkInstruction(where, insn, initialisation, clinit);
        }
    }

    private void checkInstruction(String where, AbstractInsnNode insn, boolean initialisation, boolean clinit) {
        int op = insn.getOpcode();
        if (op < 0) {
            return; // labels, frames, line numbers
        }
        String forbidden = forbiddenOpcode(op);
        if (forbidden != null) {
            violation(where, forbidden + " (opcode " + op + ")");
        }
        if (insn instanceof LdcInsnNode ldc) {
            Object v = ldc.cst;
            if (v instanceof Integer i && (i < Short.MIN_VALUE || i > Short.MAX_VALUE)) {
                violation(where, "int constant " + i + " does not fit in a short");
            } else if (!(v instanceof Integer)) {
                violation(where, "constant of type " + v.getClass().getSimpleName() + " (" + v + ")");
            }
        } else if (insn instanceof IntInsnNode ii && op == Opcodes.NEWARRAY) {
            if (ii.operand != Opcodes.T_BYTE && ii.operand != Opcodes.T_SHORT && ii.operand != Opcodes.T_BOOLEAN) {
                violation(where, "array of a type the card does not have (newarray " + ii.operand + ")");
            }
            allocation(where, "newarray", initialisation || clinit);
        } else if (insn instanceof TypeInsnNode t) {
            checkType(where, "type in " + opName(op), Type.getObjectType(t.desc));
            if (op == Opcodes.NEW) {
                allocation(where, "new " + t.desc, initialisation);
            } else if (op == Opcodes.ANEWARRAY) {
                allocation(where, "anewarray " + t.desc, initialisation || clinit);
            }
        } else if (insn instanceof FieldInsnNode f) {
            checkType(where, "field owner", Type.getObjectType(f.owner));
            checkType(where, "field " + f.name, Type.getType(f.desc));
        } else if (insn instanceof MethodInsnNode mi) {
            checkType(where, "method owner", Type.getObjectType(mi.owner));
            Type mt = Type.getMethodType(mi.desc);
            checkType(where, "call " + mi.name, mt.getReturnType());
            for (Type a : mt.getArgumentTypes()) {
                checkType(where, "call " + mi.name, a);
            }
            if (mi.owner.equals("java/lang/Object") && !mi.name.equals("<init>")) {
                violation(where, "calls java.lang.Object." + mi.name);
            }
            if (ALLOCATING_CALLS.contains(mi.owner + "." + mi.name)) {
                allocation(where, mi.owner.replace('/', '.') + "." + mi.name, initialisation);
            }
        } else if (insn instanceof InvokeDynamicInsnNode) {
            violation(where, "invokedynamic (lambda or string concatenation)");
        } else if (insn instanceof MultiANewArrayInsnNode) {
            violation(where, "multi-dimensional array");
        }
    }

    private void allocation(String where, String what, boolean allowed) {
        if (!allowed) {
            violation(where, "allocates (" + what + ") outside constructors, install and static initialisers");
        }
    }

    /** Opcodes of types and features the Java Card VM does not have. */
    private static String forbiddenOpcode(int op) {
        switch (op) {
            case Opcodes.LCONST_0,
                    Opcodes.LCONST_1,
                    Opcodes.LLOAD,
                    Opcodes.LSTORE,
                    Opcodes.LALOAD,
                    Opcodes.LASTORE,
                    Opcodes.LADD,
                    Opcodes.LSUB,
                    Opcodes.LMUL,
                    Opcodes.LDIV,
                    Opcodes.LREM,
                    Opcodes.LNEG,
                    Opcodes.LSHL,
                    Opcodes.LSHR,
                    Opcodes.LUSHR,
                    Opcodes.LAND,
                    Opcodes.LOR,
                    Opcodes.LXOR,
                    Opcodes.LCMP,
                    Opcodes.LRETURN,
                    Opcodes.I2L,
                    Opcodes.L2I,
                    Opcodes.L2F,
                    Opcodes.L2D,
                    Opcodes.F2L,
                    Opcodes.D2L:
                return "long";
            case Opcodes.FCONST_0,
                    Opcodes.FCONST_1,
                    Opcodes.FCONST_2,
                    Opcodes.FLOAD,
                    Opcodes.FSTORE,
                    Opcodes.FALOAD,
                    Opcodes.FASTORE,
                    Opcodes.FADD,
                    Opcodes.FSUB,
                    Opcodes.FMUL,
                    Opcodes.FDIV,
                    Opcodes.FREM,
                    Opcodes.FNEG,
                    Opcodes.FCMPL,
                    Opcodes.FCMPG,
                    Opcodes.FRETURN,
                    Opcodes.I2F,
                    Opcodes.F2I,
                    Opcodes.F2D,
                    Opcodes.D2F:
                return "float";
            case Opcodes.DCONST_0,
                    Opcodes.DCONST_1,
                    Opcodes.DLOAD,
                    Opcodes.DSTORE,
                    Opcodes.DALOAD,
                    Opcodes.DASTORE,
                    Opcodes.DADD,
                    Opcodes.DSUB,
                    Opcodes.DMUL,
                    Opcodes.DDIV,
                    Opcodes.DREM,
                    Opcodes.DNEG,
                    Opcodes.DCMPL,
                    Opcodes.DCMPG,
                    Opcodes.DRETURN,
                    Opcodes.I2D,
                    Opcodes.D2I:
                return "double";
            case Opcodes.IALOAD, Opcodes.IASTORE:
                return "int array";
            case Opcodes.CALOAD, Opcodes.CASTORE, Opcodes.I2C:
                return "char";
            case Opcodes.MONITORENTER, Opcodes.MONITOREXIT:
                return "synchronized block";
            case Opcodes.JSR, Opcodes.RET:
                return "jsr / ret";
            default:
                return null;
        }
    }

    private static String opName(int op) {
        return switch (op) {
            case Opcodes.NEW -> "new";
            case Opcodes.ANEWARRAY -> "anewarray";
            case Opcodes.CHECKCAST -> "checkcast";
            case Opcodes.INSTANCEOF -> "instanceof";
            default -> "opcode " + op;
        };
    }

    private void checkType(String where, String role, Type t) {
        switch (t.getSort()) {
            case Type.INT -> violation(where, role + " is int");
            case Type.LONG -> violation(where, role + " is long");
            case Type.FLOAT -> violation(where, role + " is float");
            case Type.DOUBLE -> violation(where, role + " is double");
            case Type.CHAR -> violation(where, role + " is char");
            case Type.ARRAY -> {
                if (t.getDimensions() > 1) {
                    violation(where, role + " is a multi-dimensional array " + t.getDescriptor());
                }
                checkType(where, role + " (array element)", t.getElementType());
            }
            case Type.OBJECT -> {
                String name = t.getInternalName();
                boolean allowed = name.startsWith("javacard/")
                        || name.startsWith("javacardx/")
                        || JAVA_LANG_ALLOWED.contains(name)
                        || (name.lastIndexOf('/') > 0
                                && cardPackages.contains(name.substring(0, name.lastIndexOf('/'))));
                if (!allowed) {
                    violation(where, role + " " + name.replace('/', '.') + " is not Java Card API or card code");
                }
            }
            default -> {
                // void, boolean, byte, short
            }
        }
    }

    /**
     * Constructors, static initialisers and {@code install}, plus (to a fixed point) every method of the scanned
     * classes that only they call: the code the card runs once, at installation.
     */
    private Set<String> initialisationMethods() {
        Map<String, Set<String>> callers = new HashMap<>();
        Set<String> all = new HashSet<>();
        for (ClassNode c : classes.values()) {
            for (MethodNode m : c.methods) {
                String caller = key(c.name, m.name, m.desc);
                all.add(caller);
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof MethodInsnNode mi && classes.containsKey(mi.owner)) {
                        callers.computeIfAbsent(key(mi.owner, mi.name, mi.desc), k -> new HashSet<>())
                                .add(caller);
                    }
                }
            }
        }
        Set<String> init = new HashSet<>();
        for (String m : all) {
            if (m.contains(".<init>(") || m.contains(".<clinit>(") || m.endsWith(".install([BSB)V")) {
                init.add(m);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String m : all) {
                Set<String> cs = callers.get(m);
                if (!init.contains(m) && cs != null && !cs.isEmpty() && init.containsAll(cs)) {
                    init.add(m);
                    grew = true;
                }
            }
        }
        return init;
    }

    private static String key(String owner, String name, String desc) {
        return owner + "." + name + desc;
    }

    private void violation(String where, String rule) {
        violations.add(where + ": " + rule);
    }
}
