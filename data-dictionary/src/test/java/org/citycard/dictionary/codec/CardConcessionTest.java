package org.citycard.dictionary.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.ValidationException;
import org.junit.jupiter.api.Test;

/** The purse's card_concession field: card type and review date in 16 bits, counted back from the expiry date. */
class CardConcessionTest {
    private static final LocalDate EXPIRY = LocalDate.of(2036, 12, 3);

    @Test
    void theDictionaryPlacesIt_inSfi15sTwoFormerlyReservedBytes() {
        var f = Dictionary.standard().application("purse").file("sfi15").orElseThrow();
        assertThat(f.field(CardConcession.FIELD).orElseThrow().offset()).isEqualTo(28);
        assertThat(f.field(CardConcession.FIELD).orElseThrow().length()).isEqualTo(2);
        assertThat(f.size()).isEqualTo(30);
    }

    @Test
    void encodes_theTypeInTheHighNibble_andTheDaysBackFromExpiry() {
        assertThat(Hex.of(new CardConcession("2", EXPIRY).encode(EXPIRY))).isEqualTo("2001");
        assertThat(Hex.of(new CardConcession("2", EXPIRY.minusDays(1)).encode(EXPIRY)))
                .isEqualTo("2002");
        assertThat(Hex.of(new CardConcession("1", null).encode(EXPIRY))).isEqualTo("1000");
        assertThat(Hex.of(new CardConcession("4", EXPIRY.minusDays(4094)).encode(EXPIRY)))
                .isEqualTo("4FFF");
    }

    @Test
    void roundTrips_andAnUnwrittenField_readsAsAStandardCardWithoutAReviewDate() {
        for (LocalDate d : new LocalDate[] {EXPIRY, EXPIRY.minusYears(10), EXPIRY.minusDays(4094), null}) {
            CardConcession c = new CardConcession("3", d);
            assertThat(CardConcession.decode(c.encode(EXPIRY), 0, EXPIRY)).isEqualTo(c);
        }
        assertThat(CardConcession.decode(new byte[2], 0, EXPIRY)).isEqualTo(new CardConcession("1", null));
    }

    @Test
    void aDateAfterTheExpiryOrTooFarBefore_isRefused_namingTheFieldAndTheRule() {
        assertThatThrownBy(() -> new CardConcession("2", EXPIRY.plusDays(1)).encode(EXPIRY))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("review_date")
                .hasMessageContaining("on or before the card's expiry date");
        assertThatThrownBy(() -> new CardConcession("2", EXPIRY.minusDays(4095)).encode(EXPIRY))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 4094 days before it");
        assertThatThrownBy(() -> new CardConcession("12", null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> CardConcession.decode(new byte[] {(byte) 0xA0, 0x01}, 0, EXPIRY))
                .hasMessageContaining("card_concession");
    }
}
