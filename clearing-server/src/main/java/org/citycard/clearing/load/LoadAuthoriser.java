package org.citycard.clearing.load;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.crypto.CardAlgorithms;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.clearing.crypto.KeyVersions;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.ledger.LedgerService;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.ReferenceRepository;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.clearing.support.IdAllocator;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.iso8583.CodeName;
import org.citycard.dictionary.record.LoadAuthorisationAnswer;
import org.citycard.dictionary.record.LoadInitAnswer;
import org.citycard.dictionary.wire.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Online load authorisation (0100 → 0110, CARD-SPEC §4.2): the card's MAC1 is verified with the session key from
 * DLK, the card's state, the hotlist and the maximum balance are checked, and MAC2 is computed over the host's
 * date and time, in the card's algorithm (00 3DES or 04 SM4, CARD-SPEC §7: the one of its INITIALIZE FOR LOAD
 * answer, which must be the card registry's, {@link CardAlgorithms}). Approved loads move the collected money to the load suspense account until the completion's TAC
 * proves the card took it. A load has two keys: (terminal, STAN, local date) — a repeat of the very same request
 * gets the stored answer, another request under that key 94 — and (card, online counter): the card's INITIALIZE FOR
 * LOAD answer carries its online counter, which moves only when the card takes a load, so while one load on that
 * counter is open or completed every other request on it (the same answer under a new STAN, or a second answer
 * before the first load is completed or reversed) is refused 94, and so is an answer older than the card's last
 * completed load. Refusals change nothing.
 */
@Service
public class LoadAuthoriser {
    private static final Logger log = LoggerFactory.getLogger(LoadAuthoriser.class);
    private static final long MAX_BALANCE =
            Dictionary.standard().parameter("max_balance").asLong();

    private final LoadRepository loads;
    private final JdbcClient jdbc;
    private final LedgerService ledger;
    private final HostKeys keys;
    private final BusinessCalendar calendar;
    private final IdAllocator ids;
    private final Clock clock;
    private final KeyVersions keyVersions;

    public LoadAuthoriser(
            LoadRepository loads,
            JdbcClient jdbc,
            LedgerService ledger,
            HostKeys keys,
            BusinessCalendar calendar,
            IdAllocator ids,
            Clock clock,
            KeyVersions keyVersions) {
        this.keyVersions = keyVersions;
        this.loads = loads;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.keys = keys;
        this.calendar = calendar;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * What an authorisation writes: the load (null when nothing is written: a malformed request or one answered from
     * the stored load) and, for an approved load, its journal; and the answer, valid once that is durable.
     */
    public record Draft(
            LoadMessages.Authorisation request,
            LoadTxn load,
            LedgerService.Entry journal,
            Instant at,
            LoadMessages.AuthorisationAnswer answer) {
        static Draft answerOnly(LoadMessages.Authorisation request, LoadMessages.AuthorisationAnswer answer) {
            return new Draft(request, null, null, null, answer);
        }

        public boolean writes() {
            return load != null;
        }
    }

    /** Checks, authorises and writes in one transaction; the answer is durable when this returns. */
    @Transactional
    public LoadMessages.AuthorisationAnswer authorise(LoadMessages.Authorisation req) {
        Draft d = prepare(req);
        if (d.writes()) {
            write(List.of(d));
        }
        return d.answer();
    }

    /**
     * Everything of an authorisation but its writes: the answer of a repeat of either key, or the checks, MAC1, MAC2
     * and the load and journal to write. Reads only; {@link #write} makes it durable. A repeat racing this one is
     * caught by the load's keys when written, and then answered as a repeat ({@link #storedAnswer}).
     */
    public Draft prepare(LoadMessages.Authorisation req) {
        if (req.cardData() == null || req.cardData().length != LoadInitAnswer.SIZE || req.amount() <= 0) {
            return Draft.answerOnly(req, LoadMessages.AuthorisationAnswer.declined(ResponseCode.FORMAT_ERROR));
        }
        Optional<CodeName> processing = processingCode(req.processingCode());
        if (processing.isEmpty()) {
            return Draft.answerOnly(req, LoadMessages.AuthorisationAnswer.declined(ResponseCode.INVALID_TRANSACTION));
        }
        String digest = digest(req);
        LoadInitAnswer card = decodedOrNull(req.cardData());
        // the card, its hotlisting and whether either key of the load is taken: one statement for a new load
        Optional<CardLookup> registered = card == null ? Optional.empty() : lookup(req, card.onlineSeq());
        if (card == null || registered.isEmpty() || registered.get().keyTaken()) {
            // a repeat, a taken counter or an unknown card: the keys' answers first, as the load's rules order them
            Optional<LoadMessages.AuthorisationAnswer> stored = sameKeyAnswer(req, digest);
            if (stored.isPresent()) {
                return Draft.answerOnly(req, stored.get());
            }
            if (card == null) {
                card = LoadInitAnswer.decode(req.cardData());
            }
            Optional<LoadMessages.AuthorisationAnswer> counterTaken = counterTakenAnswer(req, card.onlineSeq());
            if (counterTaken.isPresent()) {
                return Draft.answerOnly(req, counterTaken.get());
            }
            if (registered.isEmpty()) {
                registered = cardWithHotlisting(req.asn());
            }
        }
        long balance = card.balance();
        // the MACs' inputs as received in field 48 (LoadInitAnswer.field would encode the answer again for each)
        byte[] onlineSeq = LoadInitAnswer.CODEC.slice(req.cardData(), "online_seq");
        int keyVersion = card.keyVersion();
        int algorithm = card.algorithmId();
        byte[] random = LoadInitAnswer.CODEC.slice(req.cardData(), "random");
        Instant now = clock.instant();
        String[] host = calendar.hostDateTime();
        // once per authorisation: the expiry check and the load's business date (it reads the closed days)
        String businessDate = calendar.currentBusinessDate();

        byte[] mac1 = LoadInitAnswer.CODEC.slice(req.cardData(), "mac1");
        Checked checked = check(req, registered, balance, keyVersion, algorithm, onlineSeq, random, mac1, businessDate);
        ResponseCode decision = checked.code();
        LoadTxn t = new LoadTxn(
                req.terminalId(),
                req.stan(),
                digest,
                req.asn(),
                req.processingCode(),
                req.amount(),
                balance,
                card.onlineSeq(),
                keyVersion,
                algorithm,
                Hex.of(random),
                req.localDate(),
                req.localTime(),
                req.departmentCode(),
                null,
                null,
                null,
                null,
                null,
                decision.code(),
                LoadTxn.DECLINED,
                null,
                businessDate);
        if (decision != ResponseCode.APPROVED) {
            return new Draft(req, t, null, now, LoadMessages.AuthorisationAnswer.declined(decision));
        }
        byte[] mac2 = checked.crypto()
                .loadMac2(
                        checked.seslk(),
                        Amounts.toBytes(req.amount(), 4),
                        Bcd.encode("terminal_id", req.terminalId(), 6),
                        Bcd.encode("transaction_date", host[0], 4),
                        Bcd.encode("transaction_time", host[1], 3));
        long reference = ids.next("event");
        String rrn = String.format("%012d", reference);
        String authCode = String.format("%06d", reference % 1_000_000);
        t = t.authorised(host[0], host[1], rrn, authCode, Hex.of(mac2));
        Account collection = collectionAccount(processing.get());
        LedgerService.Entry journal = new LedgerService.Entry(
                JournalKind.LOAD_AUTHORISATION,
                t.businessDate(),
                req.terminalId() + "/" + req.stan(),
                req.terminalId(),
                List.of(
                        PostingLine.debit(collection, null, req.departmentCode(), req.amount()),
                        PostingLine.credit(Account.LOAD_SUSPENSE, req.asn(), null, req.amount())));
        return new Draft(req, t, journal, now, answerOf(t));
    }

    /**
     * Writes prepared authorisations in the caller's transaction: the approved ones' journals and their lines, then
     * every load with its journal, each table with multi-row statements (a group in one execution per table, mostly). A (terminal, STAN, local date) stored meanwhile, or an
     * online counter of the card taken meanwhile, fails a key of the load.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void write(List<Draft> drafts) {
        List<Draft> writing = drafts.stream().filter(Draft::writes).toList();
        List<LedgerService.Entry> journals = writing.stream()
                .map(Draft::journal)
                .filter(java.util.Objects::nonNull)
                .toList();
        java.util.Iterator<Long> journalIds = ledger.postAllInRows(journals).iterator();
        List<Long> authJournals = writing.stream()
                .map(d -> d.journal() == null ? 0L : journalIds.next())
                .toList();
        loads.insertAll(
                writing.stream().map(Draft::load).toList(),
                authJournals,
                writing.stream().map(Draft::at).toList());
    }

    /**
     * The answer of a request that repeats a key of a load stored before: of a (terminal, STAN, local date) the stored
     * answer when it is the very same request, else 94; of the card's online counter (held by another load, or older
     * than the card's last completed load) 94. Empty for a new load.
     */
    public Optional<LoadMessages.AuthorisationAnswer> storedAnswer(LoadMessages.Authorisation req) {
        return sameKeyAnswer(req, digest(req))
                .or(() -> counterTakenAnswer(
                        req, LoadInitAnswer.decode(req.cardData()).onlineSeq()));
    }

    /** The card's INITIALIZE FOR LOAD answer, or null when it does not decode (answered after the keys' checks). */
    private static LoadInitAnswer decodedOrNull(byte[] cardData) {
        try {
            return LoadInitAnswer.decode(cardData);
        } catch (RuntimeException undecodable) {
            return null;
        }
    }

    private Optional<LoadMessages.AuthorisationAnswer> sameKeyAnswer(LoadMessages.Authorisation req, String digest) {
        Optional<LoadTxn> sameKey = loads.find(req.terminalId(), req.stan(), req.localDate());
        if (sameKey.isEmpty()) {
            return Optional.empty();
        }
        if (sameKey.get().requestDigest().equals(digest)) {
            return Optional.of(answerOf(sameKey.get()));
        }
        log.info(
                "load {}/{} of {}: that STAN and date carried another request; answered 94, nothing changed",
                req.terminalId(),
                req.stan(),
                req.localDate());
        return Optional.of(LoadMessages.AuthorisationAnswer.declined(ResponseCode.DUPLICATE));
    }

    private Optional<LoadMessages.AuthorisationAnswer> counterTakenAnswer(
            LoadMessages.Authorisation req, int onlineSeq) {
        return loads.holding(req.asn(), onlineSeq).map(holder -> {
            log.info(
                    "load {}/{} of {}: the card's online counter {} is taken by load {}/{} of {} ({}); answered 94,"
                            + " nothing changed",
                    req.terminalId(),
                    req.stan(),
                    req.localDate(),
                    onlineSeq,
                    holder.terminalId(),
                    holder.stan(),
                    holder.localDate(),
                    holder.status());
            return LoadMessages.AuthorisationAnswer.declined(ResponseCode.DUPLICATE);
        });
    }

    /** The decision, and the card's crypto and session key when MAC1 verified with it (MAC2 uses the same key). */
    private record Checked(ResponseCode code, CardCrypto crypto, CardCrypto.MacKey seslk) {
        static Checked of(ResponseCode code) {
            return new Checked(code, null, null);
        }
    }

    private Checked check(
            LoadMessages.Authorisation req,
            Optional<CardLookup> card,
            long balance,
            int keyVersion,
            int algorithm,
            byte[] onlineSeq,
            byte[] random,
            byte[] mac1,
            String businessDate) {
        if (card.isEmpty()) {
            return Checked.of(ResponseCode.INVALID_CARD);
        }
        String state = card.get().card().state();
        if (state.equals(CardStates.LOST)) {
            return Checked.of(ResponseCode.LOST_CARD);
        }
        if (state.equals(CardStates.EXPIRED) || expired(card.get().card(), businessDate)) {
            return Checked.of(ResponseCode.EXPIRED_CARD);
        }
        if (!state.equals(CardStates.ACTIVE)) {
            return Checked.of(ResponseCode.INVALID_CARD);
        }
        if (card.get().hotlisted()) {
            return Checked.of(ResponseCode.LOST_CARD);
        }
        // the card's algorithm: the one its INITIALIZE FOR LOAD answer says, which must be the registered one
        String unverifiable = CardAlgorithms.mismatch(card.get().card().algorithmId(), algorithm, keys, "MLK");
        // the card's key version (issue 22): its INITIALIZE FOR LOAD answer's, which must be the registered one
        int registered = card.get().card().keyVersion();
        if (unverifiable == null && keyVersion != registered) {
            unverifiable =
                    String.format("key version %02X on the card, %02X in the card registry", keyVersion, registered);
        }
        if (unverifiable == null && !keys.supports(Algorithm.fromId((byte) algorithm), keyVersion)) {
            unverifiable = String.format(
                    "the server's key set holds no MLK of key version %02X (it holds %s)", keyVersion, keys.versions());
        }
        if (unverifiable != null) {
            log.info(
                    "load {}/{} of {}: MAC1 cannot be verified ({}); answered 63, nothing changed",
                    req.terminalId(),
                    req.stan(),
                    req.asn(),
                    unverifiable);
            return Checked.of(ResponseCode.SECURITY_VIOLATION);
        }
        if (keyVersions.isRetired(keyVersion)) {
            log.info(
                    "load {}/{} of {}: the card is still on key version {}, which is retired; answered {}"
                            + " (re-key the card at a counter), nothing changed",
                    req.terminalId(),
                    req.stan(),
                    req.asn(),
                    String.format("%02X", keyVersion),
                    ResponseCode.KEY_VERSION_RETIRED.code());
            return Checked.of(ResponseCode.KEY_VERSION_RETIRED);
        }
        Algorithm alg = Algorithm.fromId((byte) algorithm);
        CardCrypto crypto = CardCrypto.of(alg);
        // derived once: MAC1 here, MAC2 of the answer
        CardCrypto.MacKey seslk =
                crypto.prepareMacKey(crypto.loadSessionKey(keys.dlk(req.asn(), alg, keyVersion), random, onlineSeq));
        byte[] expected = crypto.loadMac1(
                seslk,
                Amounts.toBytes(balance, 4),
                Amounts.toBytes(req.amount(), 4),
                Bcd.encode("terminal_id", req.terminalId(), 6));
        if (!MessageDigest.isEqual(expected, mac1)) {
            return Checked.of(ResponseCode.SECURITY_VIOLATION);
        }
        if (balance + req.amount() > MAX_BALANCE) {
            return Checked.of(ResponseCode.ABOVE_LIMIT);
        }
        return new Checked(ResponseCode.APPROVED, crypto, seslk);
    }

    /**
     * The registered card, whether it is on the hotlist, and whether a load holds either key of this request (its
     * (terminal, STAN, local date), or the card's online counter as {@link LoadRepository#holding} reads it).
     */
    private record CardLookup(Card card, boolean hotlisted, boolean keyTaken) {}

    /** The card and whether it is on the hotlist, in one query. */
    private Optional<CardLookup> cardWithHotlisting(String asn) {
        return jdbc.sql("SELECT c.asn, c.state, c.expiry_date, c.algorithm, c.key_version, (SELECT COUNT(*) FROM"
                        + " hotlist_entry h"
                        + " WHERE h.asn = c.asn) AS listed FROM card c WHERE c.asn = ?")
                .param(asn)
                .query((rs, i) -> new CardLookup(ReferenceRepository.card(rs, i), rs.getLong("listed") > 0, false))
                .optional();
    }

    /**
     * A new load's reads in one statement (one round trip): the card and its hotlisting as {@link
     * #cardWithHotlisting}, and how many loads hold the request's (terminal, STAN, local date) or stand in the way of
     * the card's online counter (the conditions of {@link LoadRepository#find} and {@link LoadRepository#holding}).
     * Empty for an unregistered card.
     */
    private Optional<CardLookup> lookup(LoadMessages.Authorisation req, int onlineSeq) {
        return jdbc.sql("SELECT c.asn, c.state, c.expiry_date, c.algorithm, c.key_version,"
                        + " (SELECT COUNT(*) FROM hotlist_entry h WHERE h.asn = c.asn) AS listed,"
                        + " (SELECT COUNT(*) FROM load_txn k WHERE k.terminal_id = ? AND k.stan = ?"
                        + " AND k.local_date = ?) AS same_key,"
                        + " (SELECT COUNT(*) FROM load_txn s WHERE s.asn = ? AND (s.live_seq = ?"
                        + " OR (s.status = ? AND s.online_seq > ?))) AS holders"
                        + " FROM card c WHERE c.asn = ?")
                .params(
                        req.terminalId(),
                        req.stan(),
                        req.localDate(),
                        req.asn(),
                        onlineSeq,
                        LoadTxn.COMPLETED,
                        onlineSeq,
                        req.asn())
                .query((rs, i) -> new CardLookup(
                        ReferenceRepository.card(rs, i),
                        rs.getLong("listed") > 0,
                        rs.getLong("same_key") > 0 || rs.getLong("holders") > 0))
                .optional();
    }

    private static boolean expired(Card card, String businessDate) {
        return card.expiryDate() != null && card.expiryDate().compareTo(businessDate) < 0;
    }

    /** The stored answer of a load: field 48 = MAC2 ‖ host date ‖ host time when approved. */
    static LoadMessages.AuthorisationAnswer answerOf(LoadTxn t) {
        ResponseCode code = ResponseCode.of(t.responseCode()).orElse(ResponseCode.SYSTEM_ERROR);
        if (t.mac2() == null) {
            return LoadMessages.AuthorisationAnswer.declined(code);
        }
        byte[] out = new LoadAuthorisationAnswer(t.mac2(), t.hostDate(), t.hostTime()).bytes();
        return new LoadMessages.AuthorisationAnswer(code, t.rrn(), t.authCode(), out);
    }

    /** The dictionary's processing codes of loads. */
    static Optional<CodeName> processingCode(String code) {
        return Dictionary.standard().iso8583().processingCodes().stream()
                .filter(c -> c.code().equals(code))
                .findFirst();
    }

    /** Loads paid from a bank account are collected from the bank; the others are cash at the counter. */
    static Account collectionAccount(CodeName processing) {
        return processing.en().toLowerCase(java.util.Locale.ROOT).contains("bank")
                ? Account.BANK_COLLECTION
                : Account.CASH_COLLECTION;
    }

    private static String digest(LoadMessages.Authorisation r) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String s = r.asn() + "|" + r.processingCode() + "|" + r.amount() + "|" + r.localDate() + "|" + r.localTime()
                    + "|" + r.departmentCode() + "|" + Hex.of(r.cardData());
            return Hex.of(md.digest(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
