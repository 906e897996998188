package org.citycard.clearing.iso;

import java.time.Clock;
import java.util.Optional;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceRepository;
import org.citycard.clearing.reference.Terminal;
import org.citycard.dictionary.iso8583.message.CityCardMessage;
import org.citycard.dictionary.iso8583.message.NetworkAnswer;
import org.citycard.dictionary.iso8583.message.NetworkRequest;
import org.citycard.dictionary.record.VersionInfo;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.citycard.dictionary.wire.NetworkCode;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;
import org.springframework.stereotype.Component;

/**
 * 0800 → 0810: sign-on, sign-off and echo (field 70, codes from the dictionary). Sign-on and echo answer field 62
 * with the hotlist and parameter versions (8 + 8 digits) so the terminal fetches newer ones over HTTP. A sign-on
 * (MACed with the terminal's SOK, checked by the dispatcher) is answered with a fresh working key TAK in field 48,
 * encrypted under the terminal's TMK (layout sign_on_keys); the dispatcher MACs that answer with the SOK.
 */
@Component
class NetworkManagementHandler implements IsoMessageHandler {
    private final ReferenceRepository reference;
    private final HotlistService hotlist;
    private final Clock clock;
    private final TerminalKeyService terminalKeys;

    NetworkManagementHandler(
            ReferenceRepository reference, HotlistService hotlist, Clock clock, TerminalKeyService terminalKeys) {
        this.reference = reference;
        this.hotlist = hotlist;
        this.clock = clock;
        this.terminalKeys = terminalKeys;
    }

    @Override
    public String mti() {
        return NetworkRequest.MTI;
    }

    @Override
    public CityCardMessage handle(ISOMsg m, Terminal terminal) {
        NetworkRequest request = NetworkRequest.read(m);
        Optional<NetworkCode> code = request.code();
        if (code.isEmpty()) {
            return NetworkAnswer.answering(request, ResponseCode.INVALID_TRANSACTION, null);
        }
        if (code.get() == NetworkCode.SIGN_OFF) {
            return NetworkAnswer.answering(request, ResponseCode.APPROVED, null);
        }
        WorkingKeyBlock workingKey = null;
        if (code.get() == NetworkCode.SIGN_ON) {
            workingKey = terminalKeys.issueWorkingKey(terminal.terminalId());
            reference.signedOn(terminal.terminalId(), clock.instant());
        }
        VersionInfo versions = new VersionInfo(
                String.format("%08d", hotlist.version()), String.format("%08d", hotlist.parameterVersion()));
        return NetworkAnswer.answering(request, ResponseCode.APPROVED, versions, workingKey);
    }
}
