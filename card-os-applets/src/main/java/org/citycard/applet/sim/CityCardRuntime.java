package org.citycard.applet.sim;

import com.licel.jcardsim.base.SimulatorRuntime;
import java.util.Arrays;

/**
 * jCardSim's runtime, with the one change ISO 7816 asks for: data sent before a warning status word (62xx, 63xx) is
 * kept, so a blocked purse answers SELECT with its FCI and 6283 as CARD-SPEC §4.3 says. Plain jCardSim returns data
 * only with 61xx and 9xxx. Public and open for the tearing runtime of the test-jar
 * ({@code org.citycard.applet.tearing}), which adds its model of card memory on top.
 */
public class CityCardRuntime extends SimulatorRuntime {
    /** A runtime with jCardSim's own transient memory. */
    public CityCardRuntime() {
        super();
    }

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
