package org.citycard.issuance.server;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A registry client that tells the clearing server the audit chain's head each time it reports a card (issue 15): the
 * server keeps the last head of each card centre, so a local history rewritten afterwards (even by someone holding
 * the boot password) no longer matches it. The head is reported after the card; a head the server refuses or cannot
 * take does not undo the card's report (the card is the server's business, the head a check on the tool): the
 * failure is kept for {@link #lastHeadProblem} and shows in {@code issue audit verify}.
 */
public final class AuditHeadReporting implements CardRegistryClient {
    private final CardRegistryClient server;
    private final Supplier<AuditHead> head;
    private volatile String lastHeadProblem;

    public AuditHeadReporting(CardRegistryClient server, Supplier<AuditHead> head) {
        this.server = server;
        this.head = head;
    }

    /** Why the last head report failed, or null when it went through (or none was made). */
    public String lastHeadProblem() {
        return lastHeadProblem;
    }

    @Override
    public RemoteCard register(CardReport report) {
        RemoteCard card = server.register(report);
        reportHead();
        return card;
    }

    /** Reports the head now. */
    public void reportHead() {
        try {
            server.reportAuditHead(head.get());
            lastHeadProblem = null;
        } catch (ServerException e) {
            lastHeadProblem = e.getMessage();
        }
    }

    @Override
    public void reportAuditHead(AuditHead h) {
        server.reportAuditHead(h);
    }

    @Override
    public Optional<AuditHead> auditHead() {
        return server.auditHead();
    }

    @Override
    public Optional<RemoteCard> card(String asn) {
        return server.card(asn);
    }

    @Override
    public Optional<ShadowAccount> account(String asn) {
        return server.account(asn);
    }

    @Override
    public RemoteCard changeState(String asn, String stateCode) {
        return server.changeState(asn, stateCode);
    }

    @Override
    public void hotlist(String asn, String reason) {
        server.hotlist(asn, reason);
    }

    @Override
    public void unhotlist(String asn) {
        server.unhotlist(asn);
    }

    @Override
    public Settlement moveBalance(String oldAsn, String newAsn) {
        return server.moveBalance(oldAsn, newAsn);
    }

    @Override
    public Settlement refund(String asn, RefundAccount account) {
        return server.refund(asn, account);
    }

    @Override
    public Settlement takeDeposit(String asn, long amount) {
        return server.takeDeposit(asn, amount);
    }

    @Override
    public Settlement refundDepositInCash(String asn) {
        return server.refundDepositInCash(asn);
    }

    @Override
    public RemoteCard rekeyed(String asn, int keyVersion) {
        return server.rekeyed(asn, keyVersion);
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
