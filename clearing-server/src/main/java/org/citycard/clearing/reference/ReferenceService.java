package org.citycard.clearing.reference;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.citycard.clearing.bankfile.ManifestAlgorithm;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.dictionary.wire.TerminalType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing departments, terminals and cards. Every value is checked against the dictionary's element before it is
 * stored; an error names the field, the value and the rule, and nothing is changed.
 */
@Service
public class ReferenceService {
    private static final java.util.regex.Pattern BIC =
            java.util.regex.Pattern.compile("[A-Z]{6}[A-Z2-9][A-NP-Z0-9][A-Z0-9]{3}");

    private final ReferenceRepository repository;
    private final BankRepository banks;
    private final HotlistRepository versions;
    private final Clock clock;

    public ReferenceService(
            ReferenceRepository repository, BankRepository banks, HotlistRepository versions, Clock clock) {
        this.repository = repository;
        this.banks = banks;
        this.versions = versions;
        this.clock = clock;
    }

    private org.springframework.context.ApplicationEventPublisher events = e -> {};

    @org.springframework.beans.factory.annotation.Autowired
    void setEvents(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
    }

    // ------------------------------------------------------------------ banks

    public List<Bank> banks() {
        return banks.banks();
    }

    public Bank bank(String bankCode) {
        return banks.bank(bankCode).orElseThrow(() -> new NotFoundException("no bank with code " + bankCode));
    }

    @Transactional
    public Bank createBank(Bank b) {
        if (b.manifestSignatures() == null) {
            b = b.withManifestSignatures(ManifestAlgorithm.DEFAULT);
        }
        b = check(b);
        if (banks.bank(b.bankCode()).isPresent()) {
            throw new ConflictException("bank " + b.bankCode() + " exists already; change it with PUT");
        }
        banks.insert(b, now());
        return b;
    }

    @Transactional
    public Bank updateBank(Bank b) {
        if (b.manifestSignatures() == null) {
            Bank stored = bank(b.bankCode());
            b = b.withManifestSignatures(stored.manifestSignatures());
        }
        b = check(b);
        if (!banks.update(b, now())) {
            throw new NotFoundException("no bank with code " + b.bankCode());
        }
        return b;
    }

    /** Checks a bank; returns it with its manifest signatures in canonical form. */
    private static Bank check(Bank b) {
        Checks.element("bankCode", "bank_code", b.bankCode());
        Checks.element("name", "bank_name", b.name());
        Checks.element("bic", "bank_bic", b.bic());
        Checks.require(
                BIC.matcher(b.bic()).matches(),
                "bic",
                b.bic(),
                "bank_bic: ISO 9362, 11 characters (XXX for the head office), as pain.001 requires");
        Checks.element("settlementAccount", "account_number", b.settlementAccount());
        Checks.element("settlementAccountName", "account_name", b.settlementAccountName());
        return b.withManifestSignatures(ManifestAlgorithm.normalise("manifestSignatures", b.manifestSignatures()));
    }

    // ------------------------------------------------------------------ departments

    public List<Department> departments() {
        return repository.departments();
    }

    public Department department(String code) {
        return repository.department(code).orElseThrow(() -> new NotFoundException("no department with code " + code));
    }

    @Transactional
    public Department createDepartment(Department d) {
        check(d);
        if (repository.department(d.code()).isPresent()) {
            throw new ConflictException("department " + d.code() + " exists already; change it with PUT");
        }
        repository.insert(d, now());
        versions.nextVersion(HotlistService.PARAMETERS); // terminals list the departments: they fetch them again
        return d;
    }

    @Transactional
    public Department updateDepartment(Department d) {
        check(d);
        if (!repository.update(d, now())) {
            throw new NotFoundException("no department with code " + d.code());
        }
        versions.nextVersion(HotlistService.PARAMETERS);
        return d;
    }

    private static void check(Department d) {
        Checks.element("code", "department_code", d.code());
        Checks.element("name", "department_name", d.name());
        Checks.element("category", "department_category", d.category());
        Checks.element("bankCode", "bank_code", d.bankCode());
        Checks.element("accountNumber", "account_number", d.accountNumber());
        Checks.element("accountName", "account_name", d.accountName());
        Checks.require(
                d.feeRateBp() >= 0 && d.feeRateBp() <= 10_000,
                "feeRateBp",
                d.feeRateBp(),
                "fee_rate_bp: basis points 0..10000");
    }

    // ------------------------------------------------------------------ terminals

    public List<Terminal> terminals() {
        return repository.terminals();
    }

    public Terminal terminal(String terminalId) {
        return repository
                .terminal(terminalId)
                .orElseThrow(() -> new NotFoundException("no terminal with ID " + terminalId));
    }

    @Transactional
    public Terminal createTerminal(Terminal t) {
        check(t);
        if (repository.terminal(t.terminalId()).isPresent()) {
            throw new ConflictException("terminal " + t.terminalId() + " exists already; change it with PUT");
        }
        repository.insert(t, now());
        return t;
    }

    @Transactional
    public Terminal updateTerminal(Terminal t) {
        check(t);
        if (!repository.update(t, now())) {
            throw new NotFoundException("no terminal with ID " + t.terminalId());
        }
        return t;
    }

    private void check(Terminal t) {
        Checks.element("terminalId", "terminal_id", t.terminalId());
        Checks.element("departmentCode", "department_code", t.departmentCode());
        Checks.element("psamSerial", "psam_serial", t.psamSerial());
        Checks.require(
                TerminalType.of(t.terminalType()).isPresent(),
                "terminalType",
                t.terminalType(),
                "must be a code of the dictionary's table terminal-type: " + TerminalType.choices());
        Checks.require(
                repository.department(t.departmentCode()).isPresent(),
                "departmentCode",
                t.departmentCode(),
                "must be a registered department");
    }

    // ------------------------------------------------------------------ cards

    public List<Card> cards(int offset, int limit) {
        return repository.cards(offset, limit);
    }

    public Card card(String asn) {
        return repository.card(asn).orElseThrow(() -> new NotFoundException("no card with ASN " + asn));
    }

    public CardAccount account(String asn) {
        return repository.account(asn).orElseThrow(() -> new NotFoundException("no card with ASN " + asn));
    }

    /** Registers a card with an empty shadow account whose first offline counter is {@code firstOfflineSeq}. */
    @Transactional
    public Card registerCard(Card c, int firstOfflineSeq) {
        return registerCard(c, firstOfflineSeq, null);
    }

    /** The algorithm of a registered card's keys (00 3DES, 04 SM4); empty for an unknown card. */
    public java.util.Optional<org.citycard.dictionary.crypto.Algorithm> cardAlgorithm(String asn) {
        return repository.card(asn).map(Card::algorithmId);
    }

    /** The key version of a registered card's keys (issue 22); 0 (the key set's own) for an unknown card. */
    public int cardKeyVersion(String asn) {
        return repository.card(asn).map(Card::keyVersion).orElse(0);
    }

    /** The holder's citizen ID of a card, when issuance reported it. */
    public java.util.Optional<String> holderOf(String asn) {
        return repository.holderOf(asn);
    }

    /** The cards of a holder, newest first. */
    public List<Card> cardsOfHolder(String citizenId) {
        return repository.cardsOfHolder(citizenId);
    }

    /**
     * Registers a card with an empty shadow account whose first offline counter is {@code firstOfflineSeq}.
     *
     * @param holderId the holder's citizen ID, or null when not reported
     */
    @Transactional
    public Card registerCard(Card c, int firstOfflineSeq, String holderId) {
        Checks.optionalElement("holderId", "citizen_id", holderId);
        Checks.element("asn", "asn", c.asn());
        Checks.element("state", "card_state", c.state());
        Checks.optionalElement("expiryDate", "expiry_date", c.expiryDate() == null ? null : c.expiryDate());
        Checks.require(
                c.algorithm().equals("00") || c.algorithm().equals("04"),
                "algorithm",
                c.algorithm(),
                "algorithm_id of the card's keys, table algorithm: 00 (3DES) or 04 (SM4)");
        Checks.require(
                c.keyVersion() >= 1 && c.keyVersion() <= 0xFF,
                "keyVersion",
                c.keyVersion(),
                "key_version of the card's keys: 1..255");
        Checks.require(
                firstOfflineSeq >= 0 && firstOfflineSeq <= 0xFFFF,
                "firstOfflineSeq",
                firstOfflineSeq,
                "offline_seq: 0..65535");
        if (repository.card(c.asn()).isPresent()) {
            throw new ConflictException("card " + c.asn() + " is registered already");
        }
        repository.insert(c, firstOfflineSeq, now());
        if (holderId != null) {
            repository.setHolder(c.asn(), holderId);
        }
        events.publishEvent(new CardStateChanged(c.asn(), null, c.state()));
        return c;
    }

    /** Moves a card to another state, as the dictionary's card-state table allows. */
    @Transactional
    public Card changeState(String asn, String state) {
        Checks.element("state", "card_state", state);
        Card c = card(asn);
        if (!c.state().equals(state) && !CardStates.next(c.state()).contains(state)) {
            throw new ConflictException("card " + asn + " cannot move from state " + c.state() + " to " + state
                    + "; allowed: " + CardStates.next(c.state()));
        }
        repository.updateState(asn, state, now());
        events.publishEvent(new CardStateChanged(asn, c.state(), state));
        return new Card(asn, state, c.expiryDate(), c.algorithm(), c.keyVersion());
    }

    private Instant now() {
        return clock.instant();
    }
}
