package org.citycard.issuance.registry;

/**
 * Something the comparison (比对) found about an application.
 *
 * @param blocking true when a reviewer may not approve the application as it is (the data must be corrected, the
 *     registry updated or the other card ended first); false for a suspicion a reviewer decides on
 */
public record Finding(Kind kind, boolean blocking, String message) {
    /** What was found. */
    public enum Kind {
        NOT_IN_REGISTRY(true),
        DEREGISTERED(true),
        NAME_MISMATCH(true),
        BIRTH_DATE_MISMATCH(true),
        SEX_MISMATCH(true),
        ETHNICITY_MISMATCH(false),
        ACTIVE_CARD_EXISTS(true),
        REPLACED_CARD_NOT_ENDED(true),
        DUPLICATE_APPLICATION(false),
        SUSPECTED_DUPLICATE_PERSON(false),
        SAME_PHOTO(false);

        private final boolean blocking;

        Kind(boolean blocking) {
            this.blocking = blocking;
        }

        public Finding with(String message) {
            return new Finding(this, blocking, message);
        }
    }

    @Override
    public String toString() {
        return (blocking ? "[blocking] " : "[review] ") + kind + ": " + message;
    }
}
