package org.citycard.dictionary;

/**
 * A field of a binary record, a card file or a fixed-width text line.
 *
 * @param offset byte offset in binary layouts; null in text layouts (fields follow each other)
 * @param element the data element it holds, or null for a field defined in place (with zh / en)
 * @param name the field's name in its layout; defaults to the element id
 * @param length overrides the element's length (then {@code encoding} says how the value is packed)
 * @param encoding overrides the element's type for this field (for example a N element stored as BCD)
 * @param align text layouts: left (space padded) or right (zero padded)
 * @param value a constant the field always holds (record types, file types)
 */
public record LayoutField(
        Integer offset,
        String element,
        String name,
        Integer length,
        String encoding,
        String zh,
        String en,
        String align,
        String value,
        String rule,
        String codeTable) {

    /** The field's name in its layout. */
    public String key() {
        return name != null ? name : element;
    }

    /** Copy with resolved length and names (done once by the loader). */
    LayoutField resolved(int resolvedLength, String resolvedZh, String resolvedEn) {
        return new LayoutField(
                offset,
                element,
                key(),
                resolvedLength,
                encoding,
                resolvedZh,
                resolvedEn,
                align,
                value,
                rule,
                codeTable);
    }
}
