package org.citycard.applet.sim;

import com.licel.jcardsim.base.SimulatorRuntime;
import java.util.Arrays;

/**
 * jCardSim's runtime, with the one change ISO 7816 asks for: data sent before a warning status word (62xx, 63xx) is
 * kept, so a blocked purse answers SELECT with its FCI and 6283 as CARD-SPEC §4.3 says. Plain jCardSim returns data
 * only with 61xx and 9xxx.
 */
final class CityCardRuntime extends SimulatorRuntime {
    @Override
    public byte[] transmitCommand(byte[] command) {
        byte[] response = super.transmitCommand(command);
        if (response.length == 2 && (response[0] == 0x62 || response[0] == 0x63) && responseBufferSize > 0) {
            byte[] withData = Arrays.copyOf(responseBuffer, responseBufferSize + 2);
            withData[responseBufferSize] = response[0];
            withData[responseBufferSize + 1] = response[1];
            return withData;
        }
        return response;
    }
}
