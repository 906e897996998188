package org.citycard.applet.subset;

import java.util.ArrayList;
import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.JCSystem;

/** Deliberately outside the Java Card subset: SubsetCheckTest proves the checker refuses each of these. */
@SuppressWarnings("unused")
final class BadApplet extends Applet {
    private static short counter; // mutable static
    private final byte[] buffer;
    private int total; // int field
    private String label = "bad"; // String
    private org.citycard.applet.sim.SimulatedCard host; // host code of a package that is not a card package

    private BadApplet() {
        buffer = allocateOnce();
    }

    private static byte[] allocateOnce() {
        return new byte[8]; // fine: only the constructor calls it
    }

    public void process(APDU apdu) {
        int sum = 0; // int local
        for (short i = 0; i < 3; i++) {
            sum += i;
        }
        total = sum * 70000; // int constant beyond short
        long big = total * 3L; // long
        float f = big / 2.0f; // float
        byte[] scratch = new byte[4]; // allocation after install
        byte[] ram = JCSystem.makeTransientByteArray((short) 4, JCSystem.CLEAR_ON_DESELECT);
        ArrayList<Object> list = new ArrayList<>(); // java.util
        Runnable r = () -> counter++; // lambda
        label = label + f;
    }
}
