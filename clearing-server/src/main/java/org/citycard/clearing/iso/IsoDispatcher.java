package org.citycard.clearing.iso;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.ReferenceRepository;
import org.citycard.clearing.reference.Terminal;
import org.citycard.clearing.security.TerminalRights;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.iso8583.Iso8583Spec;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.citycard.dictionary.iso8583.MessageUse;
import org.citycard.dictionary.iso8583.message.MessageFieldException;
import org.citycard.dictionary.iso8583.message.NetworkRequest;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns one request frame into one answer frame. In order: unpack with the dictionary's packager (30 when it
 * cannot), the dictionary's mandatory fields present (30), the terminal of field 41 registered and active and the
 * message MAC valid (63 for either, so nobody can tell a registered terminal from an unknown one), the MTI one the
 * host serves (12), one the terminal's type may send ({@link TerminalRights}, 58). Only then does a handler run. The
 * MAC key is the terminal's working key TAK, except for a sign-on, which is MACed with the sign-on key SOK of the
 * terminal's own TMK (DESIGN §3.8). A message under a TAK past its lifetime gets A0 (sign on again) MACed with that
 * TAK; one under a TAK the server does not hold gets 63 like a bad MAC (the terminal signs on again once after a 63).
 * Answers the host cannot authenticate carry a zero MAC. Logs name the MTI, terminal, STAN and
 * answer, never card data, MACs or keys.
 */
@Component
public class IsoDispatcher {
    private static final Logger log = LoggerFactory.getLogger(IsoDispatcher.class);

    private final ISOPackager packager;
    private final Map<String, IsoMessageHandler> handlers;
    private final ReferenceRepository reference;
    private final TerminalKeyService keys;
    private final Iso8583Spec spec = Dictionary.standard().iso8583();

    public IsoDispatcher(
            ISOPackager packager,
            List<IsoMessageHandler> handlers,
            ReferenceRepository reference,
            TerminalKeyService keys) {
        this.packager = packager;
        this.handlers = handlers.stream().collect(Collectors.toMap(IsoMessageHandler::mti, Function.identity()));
        this.reference = reference;
        this.keys = keys;
    }

    public byte[] handle(byte[] frame, String peer) {
        ISOMsg req = new ISOMsg();
        req.setPackager(packager);
        String mti;
        try {
            req.unpack(frame);
            mti = req.getMTI();
        } catch (ISOException | RuntimeException e) {
            String guessed = readableMti(frame);
            log.info(
                    "{}: malformed message (MTI {}), answered 30: {}",
                    peer,
                    guessed,
                    e.getClass().getSimpleName());
            return unauthenticated(guessed, null, ResponseCode.FORMAT_ERROR);
        }
        String terminalId = req.getString(41);
        if (!validTerminalId(terminalId)) {
            log.info("{}: {} without a valid terminal ID in field 41, answered 30", peer, mti);
            return unauthenticated(mti, req, ResponseCode.FORMAT_ERROR);
        }
        Optional<MessageUse> use = spec.message(mti);
        IsoMessageHandler handler = handlers.get(mti);
        if (use.isPresent() && handler != null) {
            for (Map.Entry<Integer, String> f : use.get().fields().entrySet()) {
                if ("M".equals(f.getValue()) && !req.hasField(f.getKey())) {
                    log.info("{}: {} from {} lacks mandatory field {}, answered 30", peer, mti, terminalId, f.getKey());
                    return unauthenticated(mti, req, ResponseCode.FORMAT_ERROR);
                }
            }
        }
        Optional<Terminal> terminal = reference.terminal(terminalId).filter(Terminal::active);
        if (terminal.isEmpty()) {
            log.warn("{}: {} from unknown or inactive terminal {}, answered 63", peer, mti, terminalId);
            return unauthenticated(mti, req, ResponseCode.SECURITY_VIOLATION);
        }
        CardCrypto.MacKey tak;
        if (NetworkRequest.isSignOn(req)) {
            if (!keys.signOnVerifies(terminalId, k -> MessageMacs.verify(frame, k))) {
                log.warn(
                        "{}: sign-on from {} STAN {} with a bad MAC, answered 63", peer, terminalId, req.getString(11));
                return unauthenticated(mti, req, ResponseCode.SECURITY_VIOLATION);
            }
            tak = keys.signOnKey(terminalId).orElseThrow();
        } else {
            TerminalKeyService.Verdict v = keys.verify(terminalId, k -> MessageMacs.verify(frame, k.macKey()));
            switch (v.outcome()) {
                case NO_KEY -> {
                    // answered like a bad MAC, so an outsider cannot tell which terminals exist or hold a key;
                    // the terminal signs on again once after a 63
                    log.info(
                            "{}: {} from {} STAN {} without a working key, answered 63",
                            peer,
                            mti,
                            terminalId,
                            req.getString(11));
                    return unauthenticated(mti, req, ResponseCode.SECURITY_VIOLATION);
                }
                case INVALID -> {
                    log.warn(
                            "{}: {} from {} STAN {} with a bad MAC, answered 63",
                            peer,
                            mti,
                            terminalId,
                            req.getString(11));
                    return unauthenticated(mti, req, ResponseCode.SECURITY_VIOLATION);
                }
                case RETIRED -> {
                    log.info(
                            "{}: {} from {} STAN {} under a retired working key, answered A0",
                            peer,
                            mti,
                            terminalId,
                            req.getString(11));
                    return answer(mti, req, ResponseCode.SIGN_ON_AGAIN, v.key().macKey());
                }
                default -> tak = v.key().macKey();
            }
        }
        if (use.isEmpty() || handler == null) {
            log.info("{}: MTI {} from {} is not served, answered 12", peer, mti, terminalId);
            return answer(mti, req, ResponseCode.INVALID_TRANSACTION, tak);
        }
        if (!TerminalRights.maySend(terminal.get(), mti, peer)) {
            return answer(mti, req, ResponseCode.NOT_PERMITTED_TO_TERMINAL, tak);
        }
        ISOMsg resp;
        try {
            resp = handler.handle(req, terminal.get()).toIso();
        } catch (MessageFieldException e) {
            log.info(
                    "{}: {} from {} STAN {}: {}, answered 30",
                    peer,
                    mti,
                    terminalId,
                    req.getString(11),
                    e.getMessage());
            return unauthenticated(mti, req, ResponseCode.FORMAT_ERROR);
        } catch (RuntimeException e) {
            log.error("{}: {} from {} STAN {} failed, answered 96", peer, mti, terminalId, req.getString(11), e);
            return answer(mti, req, ResponseCode.SYSTEM_ERROR, tak);
        }
        log.debug("{} from {} STAN {} answered {}", mti, terminalId, req.getString(11), resp.getString(39));
        return signed(mti, resp, tak);
    }

    /** The answer's MTI: the request's with the function digit moved to the response (0100 → 0110). */
    static String responseMti(String mti) {
        if (mti == null || mti.length() != 4 || mti.equals("0000")) {
            return "0000";
        }
        char function = mti.charAt(2);
        char response = (char) (function | 1);
        return mti.substring(0, 2) + response + mti.charAt(3);
    }

    /** An answer of only the echoed fields and the response code, MACed. */
    private byte[] answer(String mti, ISOMsg req, ResponseCode code, CardCrypto.MacKey tak) {
        try {
            return signed(mti, base(mti, req, code), tak);
        } catch (ISOException e) {
            log.error("answer to {} cannot be packed", mti, e);
            return unauthenticated(mti, null, ResponseCode.SYSTEM_ERROR);
        }
    }

    private byte[] signed(String mti, ISOMsg resp, CardCrypto.MacKey tak) {
        try {
            resp.setPackager(packager);
            return MessageMacs.signAndPack(resp, tak);
        } catch (ISOException e) {
            log.error("answer to {} cannot be packed", mti, e);
            return unauthenticated(mti, null, ResponseCode.SYSTEM_ERROR);
        }
    }

    private byte[] unauthenticated(String mti, ISOMsg req, ResponseCode code) {
        try {
            ISOMsg resp = base(mti, req, code);
            MessageMacs.zeroMac(resp);
            return resp.pack();
        } catch (ISOException e) {
            throw new IllegalStateException("the dictionary's packager cannot pack an error answer", e);
        }
    }

    /** MTI, the request's echoed fields (E in the dictionary's response use, or 11 and 41) and field 39. */
    private ISOMsg base(String mti, ISOMsg req, ResponseCode code) throws ISOException {
        String respMti = responseMti(mti);
        ISOMsg resp = new ISOMsg();
        resp.setPackager(packager);
        resp.setMTI(respMti);
        if (req != null) {
            List<Integer> echoed = spec.message(respMti)
                    .map(u -> u.fields().entrySet().stream()
                            .filter(e -> "E".equals(e.getValue()))
                            .map(Map.Entry::getKey)
                            .toList())
                    .orElse(List.of(11, 41));
            for (int f : echoed) {
                if (req.hasField(f)) {
                    Object v = req.getValue(f);
                    if (v instanceof byte[] b) {
                        resp.set(f, b);
                    } else if (v != null) {
                        resp.set(f, v.toString());
                    }
                }
            }
        }
        resp.set(39, code.code());
        return resp;
    }

    /** The MTI of a frame that did not unpack, when its first two bytes are BCD; "0000" otherwise. */
    static String readableMti(byte[] frame) {
        if (frame == null || frame.length < 2) {
            return "0000";
        }
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 2; i++) {
            int hi = (frame[i] >> 4) & 0xF;
            int lo = frame[i] & 0xF;
            if (hi > 9 || lo > 9) {
                return "0000";
            }
            sb.append(hi).append(lo);
        }
        return sb.toString();
    }

    private static boolean validTerminalId(String terminalId) {
        try {
            Rules.checkElement(Dictionary.standard(), "terminal_id", terminalId);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }
}
