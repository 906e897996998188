package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.citycard.dictionary.record.VersionInfo;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;

/**
 * 0810 network management answer.
 *
 * @param versions field 62 on sign-on and echo: the host's hotlist and parameter versions; null when absent
 * @param workingKeys field 48 of an approved sign-on: the new TAK under the terminal's TMK; null otherwise
 */
public record NetworkAnswer(
        String stan,
        String terminalId,
        String networkCode,
        String responseCode,
        VersionInfo versions,
        WorkingKeyBlock workingKeys)
        implements CityCardMessage {
    public static final String MTI = "0810";

    public static NetworkAnswer answering(NetworkRequest request, ResponseCode code, VersionInfo versions) {
        return answering(request, code, versions, null);
    }

    public static NetworkAnswer answering(
            NetworkRequest request, ResponseCode code, VersionInfo versions, WorkingKeyBlock workingKeys) {
        return new NetworkAnswer(
                request.stan(), request.terminalId(), request.networkCode(), code.code(), versions, workingKeys);
    }

    public static NetworkAnswer read(ISOMsg m) {
        String f62 = m.getString(VERSIONS);
        VersionInfo versions;
        try {
            versions = f62 == null || f62.isEmpty() ? null : VersionInfo.parse(f62);
        } catch (ValidationException e) {
            throw new MessageFieldException(VERSIONS, e.field() + ": " + e.rule());
        }
        byte[] f48 = m.getBytes(ADDITIONAL_DATA);
        WorkingKeyBlock keys;
        try {
            keys = f48 == null ? null : WorkingKeyBlock.decode(f48);
        } catch (ValidationException e) {
            throw new MessageFieldException(ADDITIONAL_DATA, e.field() + ": " + e.rule());
        }
        return new NetworkAnswer(
                m.getString(STAN),
                m.getString(TERMINAL_ID),
                m.getString(NETWORK_CODE),
                m.getString(RESPONSE_CODE),
                versions,
                keys);
    }

    public boolean approved() {
        return ResponseCode.APPROVED.code().equals(responseCode);
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        set(m, STAN, stan);
        set(m, RESPONSE_CODE, responseCode);
        set(m, TERMINAL_ID, terminalId);
        set(m, ADDITIONAL_DATA, workingKeys == null ? null : workingKeys.bytes());
        set(m, VERSIONS, versions == null ? null : versions.text());
        set(m, NETWORK_CODE, networkCode);
        return m;
    }
}
