package org.citycard.clearing.exchange;

import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.ExchangeDocument;
import org.citycard.dictionary.exchange.ReconciliationStatement;

/**
 * The XML of an outbound document, checked against its type's XSD before it is signed and sent. A reconciliation
 * statement is the one document that grows with the day (every settled purchase: about 400 bytes each, a million
 * a day in a city), so it is checked by the schema in its envelope — header, department, name and totals, which
 * come from the reference data and the settlement — while its purchases are written as {@link
 * OutboundEvents#purchase} formats them: each field from a typed column of a purchase the ingest decoded from the
 * record layout and checked, in the element's fixed form (hex digits, padding). That generation path is what the
 * schema and xmllint check in {@code ExchangeTest} (statements of every field's extremes included), instead of
 * every statement's every purchase again at each close (that check was a quarter of the close's time).
 */
final class StatementXml {
    private StatementXml() {}

    static byte[] write(DocumentCodec codec, ExchangeDocument doc) {
        if (!(doc instanceof ReconciliationStatement s) || s.purchases().isEmpty()) {
            return codec.write(doc);
        }
        // the envelope: the statement as it is but for its purchases (so every field is checked, present or future)
        java.util.List<ReconciliationStatement.Purchase> purchases = s.purchases;
        s.purchases = java.util.List.of();
        try {
            codec.write(s); // throws, naming the element and the rule, when the envelope breaks the schema
        } finally {
            s.purchases = purchases;
        }
        return codec.writeUnchecked(s);
    }
}
