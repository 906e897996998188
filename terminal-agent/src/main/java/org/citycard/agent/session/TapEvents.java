package org.citycard.agent.session;

import org.citycard.agent.journal.Journal;
import org.citycard.agent.purse.FareRules;
import org.citycard.agent.purse.LoadResult;
import org.citycard.agent.purse.OfflineRefusedException;
import org.citycard.agent.purse.OfflineRules;
import org.citycard.agent.purse.PurchaseResult;
import org.citycard.agent.purse.Recovery;
import org.citycard.cardlink.CardLostException;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.dictionary.Code;

/**
 * The events a tap ends with, as the pages and the console show them (bilingual texts, masked card numbers):
 * built here so the tap flow says what happened, not how it is worded.
 */
final class TapEvents {
    private TapEvents() {}

    static AgentEvent lost(CardLostException e) {
        return AgentEvent.of(
                "error",
                "kind",
                "lost",
                "en",
                "The card left too early. Tap again. " + e.getMessage(),
                "zh",
                "读卡中断，请重新刷卡");
    }

    static AgentEvent refused(CardRefusedException e) {
        return AgentEvent.of(
                "error",
                "kind",
                e.reason().name(),
                "sw",
                String.format("%04X", e.sw()),
                "en",
                e.getMessage(),
                "zh",
                e.zh(),
                "triesLeft",
                e.triesLeft());
    }

    static AgentEvent failed(RuntimeException e) {
        return AgentEvent.of("error", "kind", "agent", "en", "The terminal failed: " + e.getMessage(), "zh", "终端故障");
    }

    static AgentEvent blocked(String maskedAsn) {
        return AgentEvent.of(
                "blocked", "asn", maskedAsn, "en", "This card is blocked. Please see a counter.", "zh", "此卡已锁定，请到柜台办理");
    }

    static AgentEvent recovered(Recovery.Outcome rec) {
        return AgentEvent.of(
                "recovered",
                "purchases",
                rec.completedPurchases().size(),
                "voided",
                rec.voidedPurchases(),
                "loadsCredited",
                rec.creditedLoads(),
                "loadsReversed",
                rec.reversedLoads());
    }

    static AgentEvent hotlisted(String maskedAsn, long journalId) {
        return AgentEvent.of(
                "hotlisted",
                "asn",
                maskedAsn,
                "journalId",
                journalId,
                "en",
                "This card is reported lost and has been blocked.",
                "zh",
                "此卡已挂失，已被锁定");
    }

    /**
     * An offline rule refused the purchase (nothing debited): kind "offline", {@code message} the citizen-message
     * code the page shows, zh / en its words.
     */
    static AgentEvent offlineRefused(OfflineRefusedException e) {
        Code m = e.message();
        return AgentEvent.of(
                "error", "kind", "offline", "message", e.code(), "en", m.en(), "zh", m.zh(), "detail", e.getMessage());
    }

    /** A receipt with a warning for the holder (a citizen-message code, e.g. the counter near its end). */
    static AgentEvent receipt(PurchaseResult r, String warning) {
        AgentEvent e = receipt(r);
        if (warning != null) {
            Code m = OfflineRules.message(warning);
            e.data().put("warning", warning);
            e.data().put("warningZh", m.zh());
            e.data().put("warningEn", m.en());
        }
        return e;
    }

    /**
     * The receipt of a purchase; for a concession card's fare also {@code fullFare}, {@code freeRide} and {@code fare}
     * (why: its citizen-message code CONC, FREE, RVEX or CHRS) with {@code fareZh} / {@code fareEn}.
     */
    static AgentEvent receipt(PurchaseResult r) {
        AgentEvent e = AgentEvent.of(
                "receipt",
                "asn",
                Journal.mask(r.asn()),
                "amount",
                r.amount(),
                "balance",
                r.balanceAfter(),
                "department",
                r.department(),
                "payee",
                r.payee(),
                "date",
                r.date(),
                "time",
                r.time(),
                "seq",
                r.offlineSeq(),
                "ttsn",
                r.ttsn(),
                "tac",
                r.tac(),
                "recovered",
                r.recovered(),
                "journalId",
                r.journalId());
        FareRules.Fare f = r.fare();
        if (f != null && f.reason() != null) {
            // the fare of a concession card: what the full fare was and why this one was charged
            Code m = f.message();
            e.data().put("fullFare", f.fullFare());
            e.data().put("freeRide", f.freeRide());
            e.data().put("fare", f.reason());
            e.data().put("fareZh", m.zh());
            e.data().put("fareEn", m.en());
        }
        return e;
    }

    static AgentEvent load(String maskedAsn, LoadResult r) {
        return AgentEvent.of(
                r.credited() ? "loaded" : "loadRefused",
                "asn",
                maskedAsn,
                "amount",
                r.amount(),
                "balance",
                r.balanceAfter(),
                "responseCode",
                r.responseCode(),
                "en",
                r.message(),
                "zh",
                r.credited() ? "圈存成功" : "圈存未完成",
                "journalId",
                r.journalId());
    }

    static AgentEvent pinChanged() {
        return AgentEvent.of("pinChanged", "en", "PIN changed", "zh", "密码修改成功");
    }

    /** One line for the "armed" event. */
    static String describe(TapRequest r) {
        if (r instanceof TapRequest.Pay p) {
            return "pay " + p.purchase().amount() + " fen to " + p.purchase().department();
        }
        if (r instanceof TapRequest.Load l) {
            return "load " + l.amount() + " fen";
        }
        if (r instanceof TapRequest.ChangePin) {
            return "change PIN";
        }
        return "query";
    }
}
