package org.citycard.issuance.bench;

import java.util.Optional;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.CardReport;
import org.citycard.issuance.server.RefundAccount;
import org.citycard.issuance.server.RemoteCard;
import org.citycard.issuance.server.Settlement;
import org.citycard.issuance.server.ShadowAccount;

/** A clearing server that accepts every card at once: the benchmark measures issuance, not the server. */
final class NullRegistry implements CardRegistryClient {
    @Override
    public RemoteCard register(CardReport report) {
        return new RemoteCard(report.asn(), report.state(), report.expiryDate());
    }

    @Override
    public Optional<RemoteCard> card(String asn) {
        return Optional.empty();
    }

    @Override
    public Optional<ShadowAccount> account(String asn) {
        return Optional.empty();
    }

    @Override
    public RemoteCard changeState(String asn, String stateCode) {
        return new RemoteCard(asn, stateCode, null);
    }

    @Override
    public void hotlist(String asn, String reason) {}

    @Override
    public void unhotlist(String asn) {}

    @Override
    public Settlement moveBalance(String oldAsn, String newAsn) {
        return new Settlement("MOVED", 0, null);
    }

    @Override
    public Settlement refund(String asn, RefundAccount account) {
        return new Settlement("REFUNDED", 0, null);
    }
}
