package org.mscluster.mediasoup.transport;

import FBS.WebRtcTransport.Fingerprint;
import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.List;
import org.mscluster.mediasoup.errors.TypeError;

/**
 * The worker's FlatBuffers form of ICE and DTLS parameters (the helpers of the Node layer's
 * {@code WebRtcTransport.ts}). The FlatBuffers enums are declared in the same order as the Java
 * ones, so values map by position.
 */
public final class IceDtlsFbs {

    private IceDtlsFbs() {
    }

    public static IceParameters iceParameters(FBS.WebRtcTransport.IceParameters fbs) {
        return new IceParameters(fbs.usernameFragment(), fbs.password(), fbs.iceLite());
    }

    public static IceCandidate iceCandidate(FBS.WebRtcTransport.IceCandidate fbs) {
        return new IceCandidate(fbs.foundation(), fbs.priority(), fbs.address(), TransportFbs.protocol(fbs.protocol()),
                fbs.port(), IceCandidateType.values()[fbs.type()],
                fbs.hasTcpType() ? IceCandidateTcpType.values()[fbs.tcpType()] : null);
    }

    public static List<IceCandidate> iceCandidates(FBS.WebRtcTransport.DumpResponse dump) {
        List<IceCandidate> candidates = new ArrayList<>(dump.iceCandidatesLength());
        for (int i = 0; i < dump.iceCandidatesLength(); i++) {
            candidates.add(iceCandidate(dump.iceCandidates(i)));
        }
        return List.copyOf(candidates);
    }

    public static IceRole iceRole(int fbs) {
        return IceRole.values()[fbs];
    }

    public static IceState iceState(int fbs) {
        return IceState.values()[fbs];
    }

    public static DtlsState dtlsState(int fbs) {
        return DtlsState.values()[fbs];
    }

    public static DtlsRole dtlsRole(int fbs) {
        return DtlsRole.values()[fbs];
    }

    public static DtlsParameters dtlsParameters(FBS.WebRtcTransport.DtlsParameters fbs) {
        List<DtlsFingerprint> fingerprints = new ArrayList<>(fbs.fingerprintsLength());
        for (int i = 0; i < fbs.fingerprintsLength(); i++) {
            Fingerprint fingerprint = fbs.fingerprints(i);
            fingerprints.add(new DtlsFingerprint(FingerprintAlgorithm.values()[fingerprint.algorithm()], fingerprint.value()));
        }
        return new DtlsParameters(dtlsRole(fbs.role()), fingerprints);
    }

    /** Node's {@code serializeDtlsParameters}: a missing role means {@code auto}. */
    public static int dtlsParameters(FlatBufferBuilder builder, DtlsParameters parameters) {
        if (parameters == null) {
            throw new TypeError("missing dtlsParameters");
        }
        if (parameters.fingerprints() == null) {
            throw new TypeError("missing dtlsParameters.fingerprints");
        }
        int[] fingerprints = new int[parameters.fingerprints().size()];
        for (int i = 0; i < fingerprints.length; i++) {
            DtlsFingerprint fingerprint = parameters.fingerprints().get(i);
            if (fingerprint == null || fingerprint.algorithm() == null) {
                throw new TypeError("invalid FingerprintAlgorithm: " + (fingerprint == null ? null : fingerprint.algorithm()));
            }
            if (fingerprint.value() == null) {
                throw new TypeError("missing fingerprint value");
            }
            int value = builder.createString(fingerprint.value());
            fingerprints[i] = Fingerprint.createFingerprint(builder, fingerprint.algorithm().ordinal(), value);
        }
        int vector = FBS.WebRtcTransport.DtlsParameters.createFingerprintsVector(builder, fingerprints);
        DtlsRole role = parameters.role() == null ? DtlsRole.AUTO : parameters.role();
        return FBS.WebRtcTransport.DtlsParameters.createDtlsParameters(builder, vector, role.ordinal());
    }
}
