package org.citycard.clearing.bankfile;

import java.util.List;

/**
 * The files written for one bank file.
 *
 * @param folder relative to the data directory
 * @param manifestSha256 SHA-256 of the manifest (hex)
 */
public record FileSet(String messageId, String folder, List<WrittenFile> files, String manifestSha256) {
    /**
     * @param count transactions (pain.001) or detail records (detail file); 0 for the manifest and signature
     * @param total the amount the file moves, fen; 0 for the manifest and signature
     * @param sm3 SM3 digest (hex, GB/T 32905), when known
     */
    public record WrittenFile(String name, long size, String sha256, long count, long total, String sm3) {
        public WrittenFile(String name, long size, String sha256, long count, long total) {
            this(name, size, sha256, count, total, null);
        }
    }
}
