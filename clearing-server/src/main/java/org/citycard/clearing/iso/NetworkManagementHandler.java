package org.citycard.clearing.iso;

import java.time.Clock;
import java.util.Locale;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceRepository;
import org.citycard.clearing.reference.Terminal;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.iso8583.CodeName;
import org.citycard.dictionary.record.VersionInfo;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;
import org.springframework.stereotype.Component;

/**
 * 0800 → 0810: sign-on, sign-off and echo (field 70, codes from the dictionary). Sign-on and echo answer field 62
 * with the hotlist and parameter versions (8 + 8 digits) so the terminal fetches newer ones over HTTP.
 */
@Component
class NetworkManagementHandler implements IsoMessageHandler {
    private final String signOn = code("sign-on");
    private final String signOff = code("sign-off");
    private final String echo = code("echo");

    private final ReferenceRepository reference;
    private final HotlistService hotlist;
    private final Clock clock;

    NetworkManagementHandler(ReferenceRepository reference, HotlistService hotlist, Clock clock) {
        this.reference = reference;
        this.hotlist = hotlist;
        this.clock = clock;
    }

    @Override
    public String mti() {
        return "0800";
    }

    @Override
    public IsoReply handle(ISOMsg request, Terminal terminal) throws BadFieldException {
        String code = IsoFields.digits(request, 70, 3);
        if (code.equals(signOff)) {
            return IsoReply.of(ResponseCode.APPROVED);
        }
        if (!code.equals(signOn) && !code.equals(echo)) {
            return IsoReply.of(ResponseCode.INVALID_TRANSACTION);
        }
        if (code.equals(signOn)) {
            reference.signedOn(terminal.terminalId(), clock.instant());
        }
        String versions = new VersionInfo(
                        String.format("%08d", hotlist.version()), String.format("%08d", hotlist.parameterVersion()))
                .text();
        return IsoReply.of(ResponseCode.APPROVED).with(62, versions);
    }

    /** The network management code whose English name starts with {@code name}. */
    private static String code(String name) {
        return Dictionary.standard().iso8583().networkCodes().stream()
                .filter(c -> c.en().toLowerCase(Locale.ROOT).startsWith(name))
                .map(CodeName::code)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the dictionary has no network management code " + name));
    }
}
