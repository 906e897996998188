package org.citycard.system.city;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.OfflineRules;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.issuance.server.RefundAccount;
import org.citycard.issuance.server.Settlement;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.CityTerminal.Pull;

/**
 * The card-life rules a city runs (issue 22), played in the demo's day: a card past its expiry date presented at a
 * terminal (refused offline, nothing debited or journaled), and a card returned by its holder (cancelled at the
 * counter, its balance and deposit refunded by the next day close's bank file, every other card's deposit still
 * held). Each gives one check of the summary.
 */
public final class CardLife {
    /** What a scene found: a check's verdict and what it shows. */
    public record Finding(boolean ok, String detail) {}

    /**
     * The card returned, by its index among the day's cards: what the cancellation's balance refund answered, the
     * deposit's cash refund (null when the balance refund took the deposit with it at once) and the books' balance.
     */
    public record Returned(int index, IssuedCard card, Settlement balance, Settlement deposit, long booksBefore) {}

    private CardLife() {}

    /** The card type of the demo's concession card: a disabled person's card (残疾人卡), free transit. */
    public static final String CONCESSION_TYPE = "4";

    /**
     * The concession card at a transit terminal: a free ride while its review holds; the review made to lapse (the
     * clerk writes yesterday's date, as a year gone by would leave it) — the full fare, with the reason on the
     * receipt; the yearly review at the counter (the card in the reader, its review date rewritten by secure
     * messaging) — free again. The full fare is booked like any purchase; free rides make no record.
     */
    public static Finding concessionCard(
            CardCentre centre, CityTerminal transit, List<IssuedCard> cards, int index, DayBook book) {
        IssuedCard card = cards.get(index);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        PurchaseRequest fare = CityLayout.transitFare();
        List<String> wrong = new ArrayList<>();
        AgentEvent free = transit.tap(card.card(), new TapRequest.Pay(fare), Pull.NONE);
        expectFare(free, org.citycard.agent.purse.FareRules.FREE_RIDE, 0, "while the review holds", wrong);
        centre.review(card, today.minusDays(1));
        AgentEvent full = transit.tap(card.card(), new TapRequest.Pay(fare), Pull.NONE);
        if (expectFare(
                full, org.citycard.agent.purse.FareRules.REVIEW_LAPSED, fare.amount(), "after the lapse", wrong)) {
            book.receipt(index, CityLayout.TRANSIT.code(), fare.amount());
        }
        org.citycard.dictionary.codec.CardConcession reviewed = centre.review(card, null);
        AgentEvent again = transit.tap(card.card(), new TapRequest.Pay(fare), Pull.NONE);
        expectFare(again, org.citycard.agent.purse.FareRules.FREE_RIDE, 0, "after the review", wrong);
        transit.agent().taps().disarm();
        boolean ok = wrong.isEmpty();
        return new Finding(
                ok,
                ok
                        ? "disabled person's card " + card.maskedAsn() + " at " + transit.terminalId()
                                + ": free ride (\""
                                + free.data().get("fareZh") + "\"); review lapsed → full fare "
                                + Money.yuan(fare.amount()) + " CNY (\""
                                + full.data().get("fareZh") + " / "
                                + full.data().get("fareEn") + "\"); reviewed at the counter until "
                                + reviewed.reviewDate() + " → free again"
                        : "concession card " + card.maskedAsn() + ": " + String.join("; ", wrong));
    }

    /** The card re-keyed at the counter (key rotation) and the offline counter of its purchase under the new keys. */
    public record Rekeyed(int index, IssuedCard card, int fromVersion, int toVersion, int seq, String problem) {}

    /**
     * Key rotation: the counter re-keys a card to key version 02 (PUT KEY by secure messaging under its current DAMK;
     * the server's registry follows), and the card pays a fare at a transit terminal, whose PSAM holds the purchase
     * keys of both versions and follows the card's. The purchase is booked like any other.
     */
    public static Rekeyed rekeyedCard(
            CardCentre centre, CityTerminal transit, List<IssuedCard> cards, int index, DayBook book) {
        IssuedCard card = cards.get(index);
        org.citycard.cardlink.perso.CardRekeyer.Outcome o = centre.rekey(card, 2);
        PurchaseRequest fare = CityLayout.transitFare();
        AgentEvent e = transit.tap(card.card(), new TapRequest.Pay(fare), Pull.NONE);
        transit.agent().taps().disarm();
        if (!"receipt".equals(e.type()) || !(e.data().get("seq") instanceof Number seq)) {
            return new Rekeyed(
                    index,
                    card,
                    o.fromVersion(),
                    o.toVersion(),
                    -1,
                    "the fare under key version 02 was" + " not paid: " + e.type() + " " + e.data());
        }
        book.receipt(index, CityLayout.TRANSIT.code(), ((Number) e.data().get("amount")).longValue());
        return new Rekeyed(index, card, o.fromVersion(), o.toVersion(), seq.intValue(), null);
    }

    /** After the uploads: the server holds the card at version 02 and posted its purchase (TAC under 02's MTK). */
    public static Finding keyVersions(ServerAdmin admin, Rekeyed r) {
        if (r.problem() != null) {
            return new Finding(false, r.problem());
        }
        JsonNode card = admin.get("/api/v1/cards/" + r.card().asn());
        JsonNode tx = admin.get("/api/v1/cards/" + r.card().asn() + "/transactions");
        boolean posted = false;
        for (JsonNode p : tx.path("purchases")) {
            posted |= p.path("offlineSeq").asInt(-1) == r.seq();
        }
        boolean ok = r.fromVersion() == 1
                && r.toVersion() == 2
                && card.path("keyVersion").asInt() == 2
                && posted;
        return new Finding(
                ok,
                ok
                        ? "card " + r.card().maskedAsn() + " re-keyed at the counter from key version 01 to 02 (PUT KEY"
                                + " by secure messaging), paid a fare at a terminal whose PSAM holds both; the server"
                                + " verified its TAC with 02's keys and posted it; every other card still on 01"
                        : "card " + r.card().maskedAsn() + ": re-keyed " + r.fromVersion() + " → " + r.toVersion()
                                + ", server key version "
                                + card.path("keyVersion").asText() + ", purchase seq "
                                + r.seq() + (posted ? " posted" : " not posted"));
    }

    /** Whether the tap was a receipt charging {@code charged} for {@code reason}; else why not, into wrong. */
    private static boolean expectFare(AgentEvent e, String reason, long charged, String when, List<String> wrong) {
        Object amount = e.data().get("amount");
        boolean ok = "receipt".equals(e.type())
                && reason.equals(e.data().get("fare"))
                && amount instanceof Number n
                && n.longValue() == charged;
        if (!ok) {
            wrong.add(
                    when + ": expected " + reason + " charging " + charged + " fen, got " + e.type() + " " + e.data());
        }
        return ok;
    }

    /** The ASN of the demo's expired card: a card of an earlier issue, not one of today's. */
    static final String EXPIRED_ASN = "31000000000000099001";

    /**
     * A card that expired yesterday (issued ten years ago, with a balance on it) tapped for a fare: the terminal
     * refuses it offline with the reason on the screen, the card keeps its balance and the journal takes nothing.
     */
    public static Finding expiredCard(CityTerminal t) {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        CitizenProfile old = CitizenProfile.demo(EXPIRED_ASN).withValidity(today.minusYears(10), today.minusDays(1));
        SimPersonaliser perso = SimPersonaliser.demo();
        SimulatedCard card = perso.newCitizenCard(old);
        perso.load(card, EXPIRED_ASN, 3_000, "999999999999");
        int journaled = t.journal().all().size();
        PurchaseRequest fare = CityLayout.transitFare();
        AgentEvent e = t.tap(card, new TapRequest.Pay(fare), Pull.NONE);
        t.agent().taps().disarm();
        long balance = CardQueries.balance(card::transmit);
        boolean refused = "offline".equals(e.data().get("kind"))
                && OfflineRules.EXPIRED.equals(e.data().get("message"));
        boolean ok = refused && balance == 3_000 && t.journal().all().size() == journaled;
        String shown = e.data().get("zh") + " / " + e.data().get("en");
        return new Finding(
                ok,
                ok
                        ? "card …" + EXPIRED_ASN.substring(16) + " (expired " + today.minusDays(1) + ") refused at "
                                + t.terminalId() + " offline: \"" + shown + "\"; balance "
                                + Money.yuan(balance) + " CNY untouched, nothing journaled"
                        : "the expired card was not refused as expired: " + e.type() + " " + e.data() + ", balance "
                                + balance + " fen");
    }

    /**
     * The holder of {@code cards.get(index)} returns the card: blocked in the counter's reader and cancelled; its
     * balance goes to the holder's bank account once no offline record of it can still arrive (the server's records
     * wait), its deposit is paid out in cash at once (unless the balance refund took it along already).
     */
    public static Returned returnCard(CardCentre centre, List<IssuedCard> cards, int index, DayBook book) {
        IssuedCard card = cards.get(index);
        CityLayout.Bank bank = CityLayout.BANKS.get(0);
        RefundAccount account =
                new RefundAccount(bank.code(), "6222020200998877", card.holder().name());
        long books = book.balance(index);
        Settlement balance = centre.returnCard(card, account);
        Settlement deposit = balance.pending() ? centre.refundDepositInCash(card) : null;
        return new Returned(index, card, balance, deposit, books);
    }

    /**
     * The deposits after the day: the returned card's deposit refunded (in cash, or by bank with its balance), every
     * other card's deposit held at {@link CardCentre#DEPOSIT}.
     */
    public static Finding deposits(ServerAdmin admin, List<IssuedCard> cards, Returned returned) {
        List<String> wrong = new ArrayList<>();
        long held = 0;
        for (int i = 0; i < cards.size(); i++) {
            if (i == returned.index()) {
                continue;
            }
            JsonNode d = admin.get("/api/v1/cards/" + cards.get(i).asn() + "/deposit");
            if ("HELD".equals(d.path("status").asText()) && d.path("amount").asLong() == CardCentre.DEPOSIT) {
                held++;
            } else {
                wrong.add(cards.get(i).maskedAsn() + " " + d.path("status").asText() + " "
                        + d.path("amount").asLong());
            }
        }
        JsonNode r = admin.get("/api/v1/cards/" + returned.card().asn() + "/deposit");
        Settlement b = returned.balance();
        long floatNow =
                admin.account(returned.card().asn()).path("floatBalance").asLong();
        boolean refunded;
        String how;
        if (returned.deposit() == null) { // the balance refund was ready at once and took the deposit along
            refunded = "REFUNDED".equals(r.path("status").asText())
                    && "BANK".equals(r.path("refundMode").asText())
                    && b.amount() == returned.booksBefore() + CardCentre.DEPOSIT
                    && floatNow == 0;
            how = "balance " + Money.yuan(returned.booksBefore()) + " + deposit " + Money.yuan(CardCentre.DEPOSIT)
                    + " CNY refunded by bank";
        } else { // the balance waits for the card's last offline records; the deposit went in cash
            refunded = "REFUNDED".equals(r.path("status").asText())
                    && "CASH".equals(r.path("refundMode").asText())
                    && r.path("amount").asLong() == CardCentre.DEPOSIT
                    && b.pending()
                    && floatNow == returned.booksBefore();
            how = "deposit " + Money.yuan(CardCentre.DEPOSIT) + " CNY refunded in cash at the counter; balance "
                    + Money.yuan(floatNow) + " CNY to the holder's bank once its offline records are all in ("
                    + b.reason() + ")";
        }
        boolean ok = refunded && wrong.isEmpty();
        return new Finding(
                ok,
                ok
                        ? "card " + returned.card().maskedAsn() + " returned and cancelled: " + how + "; " + held
                                + " other deposits of " + Money.yuan(CardCentre.DEPOSIT) + " CNY held"
                        : "returned card " + returned.card().maskedAsn() + ": balance refund " + b + ", deposit "
                                + r + ", float " + floatNow + " (books " + returned.booksBefore()
                                + "); other deposits wrong: " + wrong);
    }
}
