package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;

import com.licel.jcardsim.base.Simulator;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import javacard.framework.AID;
import javacard.framework.Applet;
import javacard.framework.JCSystem;
import javacard.security.Key;
import javacard.security.KeyBuilder;
import javacard.security.RandomData;
import javacard.security.Signature;
import javacardx.crypto.Cipher;
import org.citycard.applet.psam.PsamApplet;
import org.citycard.applet.purse.PurseApplet;
import org.citycard.applet.sim.CityCardRuntime;
import org.citycard.applet.ssse.SsseApplet;
import org.junit.jupiter.api.Test;

/**
 * What the applets allocate at install, for one citizen card (purse + SSSE) and one PSAM, against the budget the
 * README states for a typical 80 KB EEPROM card. The objects are the real ones: the applets are installed in
 * jCardSim and every object reachable from their instance fields is measured (static arrays are in the CAP's
 * StaticField component, counted by the CAP build). What a card's VM adds per object is not visible in a simulator,
 * so the figure uses a stated model: {@value #HEADER} bytes of header per object and array, 1 byte per byte or
 * boolean, 2 per short or reference; a persistent two-key 3DES key {@value #KEY_OBJECT} bytes (16 of key value and
 * the key object), a cipher, signature or random engine {@value #ENGINE} bytes; transient arrays and keys keep only
 * their header in EEPROM, their content is RAM.
 */
class InstallFootprintTest {
    static final int HEADER = 6;
    static final int KEY_OBJECT = 16 + HEADER + 10;
    static final int ENGINE = 32;
    /** The share of an 80 KB EEPROM card the applets may allocate at install (README, "Sizes"). */
    static final int INSTALL_BUDGET = 8 * 1024;

    /** EEPROM and RAM bytes, and what they are made of. */
    static final class Footprint {
        long eeprom;
        long ram;
        int objects;
        int arrays;
        int persistentKeys;
        int transientKeys;
        int engines;
        private final Map<Object, Boolean> seen = new IdentityHashMap<>();
        private final CityCardRuntime runtime;

        Footprint(CityCardRuntime runtime) {
            this.runtime = runtime;
        }

        void add(Object o) throws IllegalAccessException {
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                return;
            }
            if (o instanceof Key key) {
                boolean persistent = key.getType() == KeyBuilder.TYPE_DES;
                if (persistent) {
                    persistentKeys++;
                    eeprom += KEY_OBJECT;
                } else {
                    transientKeys++;
                    eeprom += HEADER;
                    ram += key.getSize() / 8;
                }
                return;
            }
            if (o instanceof Cipher || o instanceof Signature || o instanceof RandomData) {
                engines++;
                eeprom += ENGINE;
                return;
            }
            if (o.getClass().isArray()) {
                arrays++;
                int length = Array.getLength(o);
                Class<?> element = o.getClass().getComponentType();
                int content = length * (element == byte.class || element == boolean.class ? 1 : 2);
                eeprom += HEADER;
                if (runtime.getTransientMemory().isTransient(o) == JCSystem.NOT_A_TRANSIENT_OBJECT) {
                    eeprom += content;
                } else {
                    ram += content;
                }
                if (!element.isPrimitive()) {
                    for (int i = 0; i < length; i++) {
                        add(Array.get(o, i));
                    }
                }
                return;
            }
            if (!o.getClass().getName().startsWith("org.citycard.applet.")) {
                throw new IllegalStateException("install allocated an object the model does not know: " + o.getClass());
            }
            objects++;
            eeprom += HEADER;
            for (Class<?> c = o.getClass(); c != Applet.class && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    Class<?> t = f.getType();
                    eeprom += t == byte.class || t == boolean.class ? 1 : 2;
                    if (!t.isPrimitive()) {
                        f.setAccessible(true);
                        add(f.get(o));
                    }
                }
            }
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "EEPROM %,d bytes (%d objects, %d arrays, %d persistent 3DES keys, %d engines), RAM %,d bytes"
                            + " (transient arrays and %d transient keys)",
                    eeprom,
                    objects,
                    arrays,
                    persistentKeys,
                    engines,
                    ram,
                    transientKeys);
        }
    }

    private static Footprint install(Map<byte[], Class<? extends Applet>> applets) throws IllegalAccessException {
        CityCardRuntime runtime = new CityCardRuntime();
        Simulator simulator = new Simulator(runtime);
        Footprint footprint = new Footprint(runtime);
        for (Map.Entry<byte[], Class<? extends Applet>> e : applets.entrySet()) {
            byte[] aid = e.getKey();
            ByteArrayOutputStream params = new ByteArrayOutputStream();
            params.write(aid.length);
            params.writeBytes(aid);
            params.write(0);
            params.write(0);
            byte[] p = params.toByteArray();
            AID instance = new AID(aid, (short) 0, (byte) aid.length);
            simulator.installApplet(instance, e.getValue(), p, (short) 0, (byte) p.length);
            footprint.add(runtime.lookupApplet(instance).getApplet());
            footprint.eeprom += aid.length + 16L; // the registry entry: instance AID and the JCRE's record
        }
        return footprint;
    }

    @Test
    void citizenCard_allocatesAtInstallWithinItsBudget() throws IllegalAccessException {
        Map<byte[], Class<? extends Applet>> applets = new java.util.LinkedHashMap<>();
        applets.put(CardConstants.AID_PURSE, PurseApplet.class);
        applets.put(CardConstants.AID_SSSE, SsseApplet.class);

        Footprint citizen = install(applets);

        System.out.println("install footprint, citizen card (purse + SSSE): " + citizen + "; budget "
                + String.format(Locale.ROOT, "%,d", INSTALL_BUDGET) + " bytes of EEPROM");
        // transport key and six card keys in the purse, transport key, DAMK, DEAK and DIAK in the SSSE
        assertThat(citizen.persistentKeys).isEqualTo(11);
        // the log alone is 10 records of 23 bytes: the walk reaches the purse's files
        assertThat(citizen.eeprom).isGreaterThan(10 * 23).isLessThanOrEqualTo(INSTALL_BUDGET);
        assertThat(citizen.ram).as("RAM of a 3.0.5 card: a few KB at most").isLessThan(1024);
    }

    @Test
    void psam_allocatesAtInstallWithinTheSameBudget() throws IllegalAccessException {
        Footprint psam = install(Map.of(CardConstants.AID_PSAM, PsamApplet.class));

        System.out.println("install footprint, PSAM: " + psam);
        assertThat(psam.persistentKeys)
                .as("transport key, MPK and MAMK of 3DES and of SM4 in four key versions each (issue 22)")
                .isEqualTo(17);
        assertThat(psam.eeprom).isLessThanOrEqualTo(INSTALL_BUDGET);
    }
}
