package org.citycard.dictionary.exchange;

import java.io.IOException;
import java.security.Security;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Detached CMS (PKCS #7) signatures over a document's exact XML bytes, Ed25519, the signer's certificate inside, as
 * the server signs its bank-file manifests. Verification uses the certificate the receiver has on record for the
 * sender, never the one inside the signature.
 */
public final class DocumentSignature {
    private DocumentSignature() {}

    public static byte[] sign(byte[] document, PartyKeys.PartyKey key) {
        ensureProvider();
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            // the document's digest by the platform's SHA-512 (a few times faster than BouncyCastle's over a day's
            // statement of tens of megabytes; the same digest, so the same signature bytes)
            gen.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .build(
                                    new JcaContentSignerBuilder("Ed25519")
                                            .setProvider("BC")
                                            .build(key.privateKey()),
                                    key.certificate()));
            gen.addCertificates(new JcaCertStore(List.of(key.certificate())));
            return gen.generate(new CMSProcessableByteArray(document), false).getEncoded("DER");
        } catch (OperatorCreationException | CMSException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot sign the document: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is a valid detached signature over {@code document} by {@code certificate}. */
    public static boolean verify(byte[] document, byte[] signature, X509Certificate certificate) {
        ensureProvider();
        if (signature == null || signature.length == 0 || certificate == null) {
            return false;
        }
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(document), signature);
            for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
                if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider("BC")
                        .build(certificate))) {
                    return true;
                }
            }
            return false;
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }

    static void ensureProvider() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }
}
