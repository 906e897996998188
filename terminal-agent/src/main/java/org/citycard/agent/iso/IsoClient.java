package org.citycard.agent.iso;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.citycard.dictionary.iso8583.message.NetworkRequest;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * The agent's ISO 8583 link to the clearing server: the dictionary's packager, NACChannel framing (2-byte
 * big-endian length, no header), the message MAC on every message both ways, one exchange at a time. A sign-on and
 * its answer are MACed with the terminal's SOK, everything else with the working key of the last sign-on
 * ({@link WorkingKeys}); an answer asking to sign on again is {@link IsoException.Kind#SIGN_ON_AGAIN}.
 *
 * <p>An answer is matched to its request by MTI and STAN; a late answer to an earlier request that timed out is
 * discarded, never taken for the current one. A timeout closes the connection; the next exchange reconnects.
 */
public final class IsoClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IsoClient.class.getName());

    private final IsoConfig config;
    private final WorkingKeys keys;
    private final ISOPackager packager;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    /**
     * @param keys the terminal's keys (TMK, and the TAK once signed on); never logged
     */
    public IsoClient(IsoConfig config, WorkingKeys keys) {
        this.config = config;
        this.keys = keys;
        this.packager = Iso8583Packagers.create();
    }

    public WorkingKeys keys() {
        return keys;
    }

    public ISOPackager packager() {
        return packager;
    }

    /** Signs and sends the request, waits for its answer, checks the answer's MAC. */
    public synchronized ISOMsg exchange(ISOMsg request) throws IsoException {
        String mti;
        String stan;
        byte[] packed;
        boolean signOn = NetworkRequest.isSignOn(request);
        CardCrypto.MacKey key = signOn ? keys.signOnKey() : keys.tak();
        if (key == null) {
            throw new IsoException(IsoException.Kind.SIGN_ON_AGAIN, "no working key yet: the terminal signs on first");
        }
        try {
            request.setPackager(packager);
            MessageMacs.sign(request, key);
            packed = request.pack();
            mti = request.getMTI();
            stan = request.getString(11);
        } catch (ISOException e) {
            throw new IsoException(IsoException.Kind.BAD_ANSWER, "cannot pack the request: " + e.getMessage(), e);
        }
        String expectedMti = mti.substring(0, 2) + (char) (mti.charAt(2) + 1) + mti.charAt(3);
        connectIfNeeded();
        try {
            out.write(new byte[] {(byte) (packed.length >> 8), (byte) packed.length});
            out.write(packed);
            out.flush();
        } catch (IOException e) {
            // the write failed: the request may not have left; still the caller treats it as unknown
            closeQuietly();
            throw new IsoException(
                    IsoException.Kind.NO_ANSWER,
                    "the connection to " + where() + " broke while sending " + mti + ": " + e.getMessage(),
                    e);
        }
        long deadline = System.nanoTime() + config.readTimeout().toNanos();
        while (true) {
            byte[] frame = readFrame(deadline, mti);
            ISOMsg answer = new ISOMsg();
            answer.setPackager(packager);
            try {
                answer.unpack(frame);
            } catch (ISOException e) {
                closeQuietly();
                throw new IsoException(
                        IsoException.Kind.BAD_ANSWER,
                        "the answer to " + mti + " from " + where() + " does not unpack: " + e.getMessage(),
                        e);
            }
            String aMti;
            try {
                aMti = answer.getMTI();
            } catch (ISOException e) {
                continue;
            }
            if (!expectedMti.equals(aMti) || !stan.equals(answer.getString(11))) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "discarding a late answer {0} STAN {1} while waiting for {2} {3}",
                        aMti,
                        answer.getString(11),
                        expectedMti,
                        stan);
                continue;
            }
            checkMac(frame, answer, mti, key, signOn);
            return answer;
        }
    }

    private void checkMac(byte[] frame, ISOMsg answer, String mti, CardCrypto.MacKey key, boolean signOn)
            throws IsoException {
        String rc = answer.getString(39);
        if (MessageMacs.verify(frame, key)) {
            if (ResponseCode.SIGN_ON_AGAIN.code().equals(rc) && !signOn) {
                throw new IsoException(
                        IsoException.Kind.SIGN_ON_AGAIN, "the host answered " + mti + " with A0: sign on again");
            }
            return;
        }
        byte[] last = Arrays.copyOfRange(frame, frame.length - 8, frame.length);
        if (Arrays.equals(last, new byte[8]) && rc != null) {
            if (!signOn && ResponseCode.SECURITY_VIOLATION.code().equals(rc)) {
                // the host holds no working key of ours (or not this one): sign on again, once
                throw new IsoException(
                        IsoException.Kind.SIGN_ON_AGAIN,
                        "the host refused " + mti + " with 63 (security): signing on again for a new working key");
            }
            throw new IsoException(
                    IsoException.Kind.REJECTED,
                    "the host refused " + mti + " with response code " + rc
                            + (signOn
                                    ? " (63: the terminal's key store does not hold this terminal's key at the"
                                            + " server; make a new one with ./citycard server terminal-keys)"
                                    : " (30 format error, 63 unknown terminal or bad MAC)"));
        }
        throw new IsoException(
                IsoException.Kind.BAD_ANSWER,
                "the answer to " + mti + " from " + where()
                        + " fails its MAC check: it is not from our host or was altered");
    }

    private byte[] readFrame(long deadline, String mti) throws IsoException {
        try {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (deadline - System.nanoTime() <= 0) {
                throw new SocketTimeoutException();
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int len = in.readUnsignedShort();
            byte[] frame = new byte[len];
            in.readFully(frame);
            return frame;
        } catch (SocketTimeoutException e) {
            closeQuietly();
            throw new IsoException(
                    IsoException.Kind.NO_ANSWER,
                    "no answer to " + mti + " from " + where() + " within "
                            + config.readTimeout().toMillis() + " ms",
                    e);
        } catch (EOFException e) {
            closeQuietly();
            throw new IsoException(
                    IsoException.Kind.NO_ANSWER, where() + " closed the connection before answering " + mti, e);
        } catch (IOException e) {
            closeQuietly();
            throw new IsoException(
                    IsoException.Kind.NO_ANSWER,
                    "the connection to " + where() + " broke while waiting" + " for the answer to " + mti + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private void connectIfNeeded() throws IsoException {
        if (socket != null && socket.isConnected() && !socket.isClosed()) {
            if (!closedByHost()) {
                return;
            }
            closeQuietly(); // the host closed it (its idle timeout): connect again before sending
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(config.host(), config.port()), (int)
                    config.connectTimeout().toMillis());
            if (config.tls() != null) {
                s = tls(s);
            }
            socket = s;
            in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            out = s.getOutputStream();
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // not connected anyway
            }
            throw new IsoException(
                    IsoException.Kind.UNREACHABLE,
                    "cannot reach the clearing server at " + where() + ": " + e.getMessage()
                            + "; is it running? (--server / --iso-port)",
                    e);
        }
    }

    /** TLS over the connected socket: the server's certificate must chain to the trust store and name the host. */
    private Socket tls(Socket plain) throws IOException {
        SSLSocket ssl =
                (SSLSocket) config.tls().getSocketFactory().createSocket(plain, config.host(), config.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.setSoTimeout((int) config.connectTimeout().toMillis());
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            ssl.close();
            throw new IOException(
                    "TLS with " + where() + " failed (is its certificate from the trusted CA, for this"
                            + " host name?): " + e.getMessage(),
                    e);
        }
        return ssl;
    }

    /**
     * Whether the host has closed the connection since the last exchange: a read of at most a millisecond sees the
     * end of the stream; a byte waiting (a late answer) is left in the buffer for the discard loop.
     */
    private boolean closedByHost() {
        try {
            socket.setSoTimeout(1);
            in.mark(1);
            int b = in.read();
            if (b < 0) {
                return true;
            }
            in.reset();
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String where() {
        return config.host() + ":" + config.port();
    }

    public synchronized boolean connected() {
        return socket != null && !socket.isClosed();
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
