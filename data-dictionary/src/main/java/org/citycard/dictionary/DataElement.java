package org.citycard.dictionary;

/**
 * A data element: the one definition of a value the system stores, sends or writes to a card.
 *
 * @param length fixed length in bytes (N / AN: characters); null when the element is variable
 * @param minLength shortest length of a variable element
 * @param maxLength longest length of a variable element
 * @param codeTable id of the code table its values come from, or null
 * @param rule name of a validation rule (see {@link org.citycard.dictionary.validate.Rules}), or null
 * @param sensitive never logged, never shown, never stored in clear
 */
public record DataElement(
        String id,
        String zh,
        String en,
        ElementType type,
        Integer length,
        Integer minLength,
        Integer maxLength,
        String codeTable,
        String rule,
        boolean sensitive) {

    public boolean isFixedLength() {
        return length != null;
    }

    /** The length as the reference shows it: "18" or "2..6". */
    public String lengthText() {
        return length != null ? String.valueOf(length) : minLength + ".." + maxLength;
    }
}
