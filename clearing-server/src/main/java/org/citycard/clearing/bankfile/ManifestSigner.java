package org.citycard.clearing.bankfile;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.springframework.stereotype.Component;

/**
 * Detached CMS (PKCS #7) signatures over manifests, DER encoded: one SignedData with a signer per algorithm the bank
 * gets (Ed25519 with CFSK, SM3withSM2 with CFSK_SM2, or both), each signer's certificate inside. Ed25519 signs
 * deterministically, SM2 with a k derived from the key and the signed bytes ({@link DeterministicSm2Signer}), and the
 * signing-time attribute is the business day's end, so a rerun of a closed day writes the same signature bytes.
 */
@Component
public class ManifestSigner {
    private final FileSigningKey key;

    public ManifestSigner(FileSigningKey key) {
        this.key = key;
    }

    /** Signs with Ed25519 only. */
    public byte[] sign(byte[] manifest, OffsetDateTime signingTime) {
        return sign(manifest, signingTime, List.of(ManifestAlgorithm.ED25519));
    }

    /** One detached SignedData over {@code manifest} with a signer for each of {@code algorithms} (not empty). */
    public byte[] sign(byte[] manifest, OffsetDateTime signingTime, List<ManifestAlgorithm> algorithms) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("a manifest needs at least one signature algorithm");
        }
        FileSigningKey.Loaded all = key.get();
        try {
            ASN1EncodableVector attrs = new ASN1EncodableVector();
            attrs.add(
                    new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime.toInstant())))));
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            List<X509Certificate> certificates = new java.util.ArrayList<>();
            for (ManifestAlgorithm a : java.util.EnumSet.copyOf(algorithms)) {
                FileSigningKey.Loaded k = all.of(a);
                ContentSigner contentSigner = a == ManifestAlgorithm.SM2
                        ? new DeterministicSm2Signer(k.key())
                        : new JcaContentSignerBuilder(a.jcaName())
                                .setProvider("BC")
                                .build(k.key());
                gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                                .setProvider("BC")
                                .build())
                        .setSignedAttributeGenerator(
                                new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                        .build(contentSigner, k.certificate()));
                certificates.add(k.certificate());
            }
            gen.addCertificates(new JcaCertStore(certificates));
            return gen.generate(new CMSProcessableByteArray(manifest), false).getEncoded("DER");
        } catch (OperatorCreationException
                | CMSException
                | CertificateEncodingException
                | IOException
                | java.security.InvalidKeyException e) {
            throw new IllegalStateException("cannot sign the manifest: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code signature} is a valid detached signature over {@code manifest} by the holder of
     * {@code certificate} (for the server's own check after writing, and for readers of the files).
     */
    public static boolean verify(byte[] manifest, byte[] signature, X509Certificate certificate) {
        FileSigningKey.ensureProvider();
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
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
}
