package org.citycard.agent.simulate;

import java.lang.reflect.InvocationTargetException;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.crypto.Algorithm;

/**
 * The card simulator of card-os-applets, reached by class name at run time (the agent's main code never compiles
 * against the applets): issues demo citizen cards and PSAMs personalised with the demo key set.
 */
public final class SimulatedCards {
    private static final String PKG = "org.citycard.applet.sim.";
    private final Object perso;
    private final Class<?> citizenProfile;
    private final Class<?> psamProfile;
    private final Class<?> simTransport;

    public SimulatedCards() {
        this(Algorithm.TDES);
    }

    /** Cards whose keys are of {@code cardAlgorithm} (3DES or SM4); the PSAMs hold both algorithms' keys. */
    public SimulatedCards(Algorithm cardAlgorithm) {
        try {
            Class<?> persoClass = Class.forName(PKG + "SimPersonaliser");
            this.perso = persoClass.getMethod("demo", Algorithm.class).invoke(null, cardAlgorithm);
            this.citizenProfile = Class.forName(PKG + "CitizenProfile");
            this.psamProfile = Class.forName(PKG + "PsamProfile");
            this.simTransport = ApduTransport.class; // a simulated card is a card-link transport
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "simulated cards need the card simulator on the class path (module "
                            + "card-os-applets); run through ./citycard agent",
                    e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the card simulator cannot start: " + cause(e), e);
        }
    }

    /** A demo citizen card with this ASN, issued, with {@code balance} fen loaded as terminal {@code loader}. */
    public ApduTransport citizen(String asn, long balance, String loader) {
        Object card = call(
                perso,
                "newCitizenCard",
                new Class<?>[] {citizenProfile},
                call(null, citizenProfile, "demo", new Class<?>[] {String.class}, asn));
        if (balance > 0) {
            call(
                    perso,
                    "load",
                    new Class<?>[] {simTransport, String.class, long.class, String.class},
                    card,
                    asn,
                    balance,
                    loader);
        }
        return transport(card);
    }

    /** A demo PSAM for this terminal ID. */
    public ApduTransport psam(String terminalId) {
        Object psam = call(
                perso,
                "newPsam",
                new Class<?>[] {psamProfile},
                call(null, psamProfile, "demo", new Class<?>[] {String.class}, terminalId));
        return transport(psam);
    }

    private static ApduTransport transport(Object simCard) {
        if (simCard instanceof ApduTransport t) {
            return t;
        }
        throw new IllegalStateException("the simulated card "
                + simCard.getClass().getName() + " is not a card-link transport; rebuild card-os-applets");
    }

    private Object call(Object target, String name, Class<?>[] types, Object... args) {
        return call(target, target.getClass(), name, types, args);
    }

    private static Object call(Object target, Class<?> type, String name, Class<?>[] types, Object... args) {
        try {
            return type.getMethod(name, types).invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "simulator " + type.getSimpleName() + "." + name + " failed: " + cause(e), e);
        }
    }

    private static String cause(Throwable e) {
        Throwable c = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
        return c.getMessage();
    }
}
