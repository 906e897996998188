package org.citycard.applet.tearing;

import org.objectweb.asm.ClassVisitor;

/**
 * A change to an applet class made while {@link InstrumentedApplets} loads it, before the persistent-write
 * instrumentation: how a test builds a deliberately broken variant of a real applet (see {@link AppletMutations}).
 */
@FunctionalInterface
public interface ClassTransform {
    /**
     * The visitor that transforms class {@code internalName} into {@code next}; {@code next} itself for a class this
     * transform does not touch.
     */
    ClassVisitor apply(String internalName, ClassVisitor next);
}
