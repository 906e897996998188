package org.citycard.dictionary.crypto;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the terminals' side (DESIGN §3.8 "on the wire"): a client context that trusts only the certificates of a
 * trust store (the clearing centre's CA), so an agent talks to its own server and to no one presenting another
 * certificate. Host names are checked by the callers (HTTPS endpoint identification).
 */
public final class TlsContexts {
    private TlsContexts() {}

    /**
     * A TLS client context trusting the certificates in a PKCS#12 (or JKS) trust store.
     *
     * @param password the store's password, or null for a store without one
     * @throws IllegalArgumentException naming the file when it is missing, unreadable or holds no certificate
     */
    public static SSLContext trusting(Path trustStore, char[] password) {
        if (!Files.exists(trustStore)) {
            throw new IllegalArgumentException("TLS trust store " + trustStore + " does not exist");
        }
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, password);
            if (ks.size() == 0) {
                throw new IllegalArgumentException("TLS trust store " + trustStore + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("TLS trust store " + trustStore
                    + " cannot be read: wrong password or not a PKCS#12 / JKS store ("
                    + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
