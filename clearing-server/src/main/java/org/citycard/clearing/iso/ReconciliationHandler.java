package org.citycard.clearing.iso;

import org.citycard.clearing.ingest.ReconciliationService;
import org.citycard.clearing.reference.Terminal;
import org.jpos.iso.ISOMsg;
import org.springframework.stereotype.Component;

/** 0500 → 0510: the terminal's totals of a business date against the host's; 00 when they agree, 95 when not. */
@Component
class ReconciliationHandler implements IsoMessageHandler {
    private final ReconciliationService reconciliation;

    ReconciliationHandler(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Override
    public String mti() {
        return "0500";
    }

    @Override
    public IsoReply handle(ISOMsg m, Terminal terminal) throws BadFieldException {
        ReconciliationService.Totals theirs = new ReconciliationService.Totals(
                IsoFields.number(m, 74), IsoFields.number(m, 86), IsoFields.number(m, 76), IsoFields.number(m, 88));
        ReconciliationService.Result r = reconciliation.reconcile(
                terminal.terminalId(), IsoFields.date(m, 15), IsoFields.digits(m, 60, 6), theirs);
        ReconciliationService.Totals host = r.host();
        return IsoReply.of(r.response())
                .with(74, Long.toString(host.creditCount()))
                .with(76, Long.toString(host.debitCount()))
                .with(86, Long.toString(host.creditAmount()))
                .with(88, Long.toString(host.debitAmount()));
    }
}
