package org.citycard.issuance.server;

import java.util.Optional;

/** Used when no clearing server is configured: every call fails with a message saying how to give one. */
final class UnconfiguredRegistryClient implements CardRegistryClient {
    private static ServerException none() {
        return new ServerException(
                -1, "no clearing server is configured: give --server http://host:port or set CITYCARD_SERVER_URL");
    }

    @Override
    public void reportAuditHead(AuditHead head) {
        throw none();
    }

    @Override
    public Optional<AuditHead> auditHead() {
        throw none();
    }

    @Override
    public RemoteCard register(CardReport report) {
        throw none();
    }

    @Override
    public Optional<RemoteCard> card(String asn) {
        throw none();
    }

    @Override
    public Optional<ShadowAccount> account(String asn) {
        throw none();
    }

    @Override
    public RemoteCard changeState(String asn, String stateCode) {
        throw none();
    }

    @Override
    public void hotlist(String asn, String reason) {
        throw none();
    }

    @Override
    public void unhotlist(String asn) {
        throw none();
    }

    @Override
    public Settlement moveBalance(String oldAsn, String newAsn) {
        throw none();
    }

    @Override
    public Settlement refund(String asn, RefundAccount account) {
        throw none();
    }

    @Override
    public Settlement takeDeposit(String asn, long amount) {
        throw none();
    }

    @Override
    public Settlement refundDepositInCash(String asn) {
        throw none();
    }
}
