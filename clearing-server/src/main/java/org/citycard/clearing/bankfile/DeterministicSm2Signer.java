package org.citycard.clearing.bankfile;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.prng.EntropySource;
import org.bouncycastle.crypto.prng.drbg.HMacSP800DRBG;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.util.BigIntegers;

/**
 * SM3withSM2 (GB/T 32918.2, the default user ID 1234567812345678, DER-encoded r ‖ s) for CMS, with the per-signature
 * random k drawn from an HMAC-SHA-256 DRBG (NIST SP 800-90A) seeded with the private key and the SM3 digest of what
 * is signed, the way RFC 6979 makes ECDSA deterministic: the same key and bytes give the same signature, so a rerun of
 * a closed day writes the same signature file, and different bytes give an unrelated k. Any SM2 verifier checks it;
 * how k was drawn cannot be seen in the signature.
 */
final class DeterministicSm2Signer implements ContentSigner {
    private static final AlgorithmIdentifier ALGORITHM = new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3);
    private static final byte[] PERSONALISATION =
            "CityCard CFSK_SM2 manifest signature k, v1".getBytes(StandardCharsets.US_ASCII);

    private final ECPrivateKeyParameters key;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    DeterministicSm2Signer(PrivateKey privateKey) throws InvalidKeyException {
        this.key = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(privateKey);
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return ALGORITHM;
    }

    @Override
    public OutputStream getOutputStream() {
        return data;
    }

    @Override
    public byte[] getSignature() {
        byte[] message = data.toByteArray();
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithRandom(key, kSource(key.getD(), message)));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signature failed", e);
        }
    }

    /** The DRBG k is drawn from: entropy input the private key, nonce SM3(message). */
    private static SecureRandom kSource(BigInteger d, byte[] message) {
        byte[] secret = BigIntegers.asUnsignedByteArray(32, d);
        SM3Digest sm3 = new SM3Digest();
        sm3.update(message, 0, message.length);
        byte[] nonce = new byte[32];
        sm3.doFinal(nonce, 0);
        HMacSP800DRBG drbg = new HMacSP800DRBG(
                new HMac(new SHA256Digest()),
                256,
                new EntropySource() {
                    @Override
                    public boolean isPredictionResistant() {
                        return false;
                    }

                    @Override
                    public byte[] getEntropy() {
                        return secret.clone();
                    }

                    @Override
                    public int entropySize() {
                        return 256;
                    }
                },
                PERSONALISATION,
                nonce);
        // secret is not wiped: a reseed (after 2^48 requests, never for one signature) would read it again, and the
        // key itself stays in memory with the signer anyway
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized void nextBytes(byte[] bytes) {
                if (drbg.generate(bytes, null, false) < 0) {
                    throw new IllegalStateException("the deterministic k source needs a reseed");
                }
            }

            @Override
            public void setSeed(long seed) {
                // no outside seed: k depends on the key and the message only
            }

            @Override
            public void setSeed(byte[] seed) {}
        };
    }
}
