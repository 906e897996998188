package org.citycard.applet.tearing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javacard.framework.Applet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;

/**
 * The applet classes of some Java Card packages, loaded through a class loader of their own that instruments every
 * persistent write (see {@link PersistentWriteInstrumenter}), optionally after {@link ClassTransform}s. Everything
 * else — the Java Card API and jCardSim, the runtime in this package, the tests — comes from the parent loader, so
 * the instrumented applets run in an ordinary jCardSim {@code Simulator}. The classes are shared by all cards made
 * from one instance (applets have no mutable statics: the subset check forbids them).
 */
public final class InstrumentedApplets {
    /** The CityCard library package (file system, crypto, PIN, the applets' base class), as it is. */
    public static final String CITYCARD_PACKAGE = "org.citycard.applet";
    /** The applet classes of the three CityCard applet packages. */
    public static final String PURSE_APPLET = "org.citycard.applet.purse.PurseApplet";

    public static final String SSSE_APPLET = "org.citycard.applet.ssse.SsseApplet";
    public static final String PSAM_APPLET = "org.citycard.applet.psam.PsamApplet";
    /** Every CityCard card package: the library and the three applet packages (one CAP file each). */
    public static final Set<String> CITYCARD_PACKAGES = Set.of(
            CITYCARD_PACKAGE, "org.citycard.applet.purse", "org.citycard.applet.ssse", "org.citycard.applet.psam");

    private static final InstrumentedApplets CITYCARD = new InstrumentedApplets(CITYCARD_PACKAGES, List.of());

    private final Set<String> packages;
    private final List<ClassTransform> transforms;
    private final Loader loader;

    private InstrumentedApplets(Set<String> packages, List<ClassTransform> transforms) {
        this.packages = Set.copyOf(packages);
        this.transforms = List.copyOf(transforms);
        this.loader = new Loader(InstrumentedApplets.class.getClassLoader());
    }

    /** The real CityCard applets, instrumented (one shared instance). */
    public static InstrumentedApplets citycard() {
        return CITYCARD;
    }

    /** The classes of these packages (exactly these: sub-packages are not included), instrumented. */
    public static InstrumentedApplets of(Collection<String> packageNames) {
        return new InstrumentedApplets(Set.copyOf(packageNames), List.of());
    }

    /** The same packages with {@code transform} applied before the instrumentation: a new class loader. */
    public InstrumentedApplets with(ClassTransform transform) {
        List<ClassTransform> all = new ArrayList<>(transforms);
        all.add(transform);
        return new InstrumentedApplets(packages, all);
    }

    /** The instrumented class of an applet, to install in a simulator. */
    public Class<? extends Applet> appletClass(String className) {
        try {
            return Class.forName(className, true, loader).asSubclass(Applet.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no applet class " + className + " in " + packages, e);
        }
    }

    /** True when {@code className} is one of the instrumented classes. */
    boolean covers(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 && packages.contains(className.substring(0, dot));
    }

    byte[] instrument(byte[] original) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        ClassVisitor chain = new PersistentWriteInstrumenter(writer);
        for (int i = transforms.size() - 1; i >= 0; i--) {
            chain = transforms.get(i).apply(reader.getClassName(), chain);
        }
        reader.accept(chain, 0);
        return writer.toByteArray();
    }

    @Override
    public String toString() {
        return "InstrumentedApplets" + packages
                + (transforms.isEmpty() ? "" : " with " + transforms.size() + " transform(s)");
    }

    /** Child-first for the instrumented packages, parent-first for everything else. */
    private final class Loader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        Loader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!covers(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes = instrument(read(name));
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private byte[] read(String name) throws ClassNotFoundException {
            String resource = name.replace('.', '/') + ".class";
            try (InputStream in = getParent().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }
}
