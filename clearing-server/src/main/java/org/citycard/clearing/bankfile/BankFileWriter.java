package org.citycard.clearing.bankfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.dictionary.codec.Hex;
import org.springframework.stereotype.Component;

/**
 * Writes a bank file's four files into {@code <data-dir>/bank-files/<date>/<bank code>/}: the pain.001, the detail
 * file, the manifest (name, size, SHA-256, SM3, count and total of both) and its detached signature (one CMS
 * SignedData with a signer per algorithm the bank gets: Ed25519, SM2 or both). Each file is written beside its place
 * and moved in, so a reader never sees half a file; a rerun overwrites with equal bytes. A file set closed before
 * the SM3 digests (manifest version 1) is written again in version 1.
 */
@Component
public class BankFileWriter {
    public static final String ROOT = "bank-files";

    private final CityCardProperties properties;
    private final ManifestSigner signer;

    public BankFileWriter(CityCardProperties properties, ManifestSigner signer) {
        this.properties = properties;
        this.signer = signer;
    }

    /** The folder of a day's files for a bank, relative to the data directory. */
    public static String folderOf(String businessDate, String bankCode) {
        return ROOT + "/" + businessDate + "/" + bankCode;
    }

    public static String painName(String messageId) {
        return "pain.001.001.03-" + messageId + ".xml";
    }

    public static String detailName(String messageId) {
        return "detail-" + messageId + ".txt";
    }

    public static String manifestName(String messageId) {
        return "manifest-" + messageId + ".txt";
    }

    public static String signatureName(String messageId) {
        return manifestName(messageId) + ".p7s";
    }

    /** The names of a file set, in the order they are written. */
    public static List<String> names(String messageId) {
        return List.of(painName(messageId), detailName(messageId), manifestName(messageId), signatureName(messageId));
    }

    public FileSet write(BankFile file, List<Payment> payments, OffsetDateTime created) {
        CityCardProperties.Settlement settings = properties.settlement();
        byte[] pain = Pain001Builder.build(file, payments, created, settings.centreName());
        byte[] detail = DetailFileBuilder.build(file, payments, created, settings.senderId());
        long total = payments.stream().mapToLong(Payment::amount).sum();
        List<FileSet.WrittenFile> files = new ArrayList<>();
        files.add(described(painName(file.messageId()), pain, payments.size(), total));
        files.add(described(detailName(file.messageId()), detail, payments.size(), total));
        byte[] manifest = manifest(file, created, files);
        byte[] signature = signer.sign(manifest, created, file.signatureAlgorithms());

        Path dir = properties.dataDir().resolve(file.folder());
        try {
            Files.createDirectories(dir);
            put(dir, painName(file.messageId()), pain);
            put(dir, detailName(file.messageId()), detail);
            put(dir, manifestName(file.messageId()), manifest);
            put(dir, signatureName(file.messageId()), signature);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bank files of " + file.messageId() + " to " + dir, e);
        }
        files.add(described(manifestName(file.messageId()), manifest, 0, 0));
        files.add(described(signatureName(file.messageId()), signature, 0, 0));
        return new FileSet(file.messageId(), file.folder(), files, sha256(manifest));
    }

    /** A file of a bank file set, for download; empty when the name is not one of the set's or it is missing. */
    public java.util.Optional<Path> find(BankFile file, String name) {
        if (!Set.copyOf(names(file.messageId())).contains(name)) {
            return java.util.Optional.empty();
        }
        Path p = properties.dataDir().resolve(file.folder()).resolve(name);
        return Files.isRegularFile(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    static byte[] manifest(BankFile file, OffsetDateTime created, List<FileSet.WrittenFile> files) {
        StringBuilder sb = new StringBuilder();
        boolean v2 = file.manifestVersion() >= 2;
        sb.append("# CityCard bank file manifest 清算文件清单, version ")
                .append(v2 ? 2 : 1)
                .append('\n');
        sb.append("message_id=").append(file.messageId()).append('\n');
        sb.append("business_date=").append(file.businessDate()).append('\n');
        sb.append("bank_code=").append(file.bankCode()).append('\n');
        sb.append("created=")
                .append(created.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append('\n');
        sb.append("transactions=").append(file.txCount()).append('\n');
        sb.append("total_fen=").append(file.ctrlSum()).append('\n');
        if (v2) {
            // signed by every signer: a signature file stripped of one signer no longer matches its manifest
            sb.append("signatures=")
                    .append(ManifestAlgorithm.format(file.signatureAlgorithms()))
                    .append('\n');
        }
        for (FileSet.WrittenFile f : files) {
            sb.append("file=")
                    .append(f.name())
                    .append(" size=")
                    .append(f.size())
                    .append(" sha256=")
                    .append(f.sha256());
            if (v2) {
                sb.append(" sm3=").append(f.sm3());
            }
            sb.append(" count=")
                    .append(f.count())
                    .append(" total_fen=")
                    .append(f.total())
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static FileSet.WrittenFile described(String name, byte[] content, long count, long total) {
        return new FileSet.WrittenFile(name, content.length, sha256(content), count, total, sm3(content));
    }

    /** SM3 (GB/T 32905) of {@code content}, lower-case hex. */
    static String sm3(byte[] content) {
        org.bouncycastle.crypto.digests.SM3Digest d = new org.bouncycastle.crypto.digests.SM3Digest();
        d.update(content, 0, content.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return Hex.of(out).toLowerCase(java.util.Locale.ROOT);
    }

    static String sha256(byte[] content) {
        return Hex.of(DetailFileBuilder.sha256().digest(content)).toLowerCase(java.util.Locale.ROOT);
    }

    private static void put(Path dir, String name, byte[] content) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, content);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
