package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mscluster.mediasoup.transport.DtlsFingerprint;
import org.mscluster.mediasoup.transport.DtlsParameters;
import org.mscluster.mediasoup.transport.DtlsRole;
import org.mscluster.mediasoup.transport.FingerprintAlgorithm;
import org.mscluster.mediasoup.transport.IceCandidate;
import org.mscluster.mediasoup.transport.IceCandidateTcpType;
import org.mscluster.mediasoup.transport.IceParameters;

/**
 * The ICE and DTLS side of one end of a bundled transport: credentials, candidates, certificate
 * fingerprints and the {@code a=setup} role. Read from a remote description or built from a
 * mediasoup WebRtcTransport's parameters, and written into media sections.
 */
public record TransportDescription(String iceUfrag, String icePwd, boolean iceLite, List<Candidate> candidates,
        List<Fingerprint> fingerprints, String setup) {

    public TransportDescription {
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
    }

    /**
     * What {@code section} (the first bundled one, usually) says, media-level attributes first and
     * then session-level ones.
     *
     * @throws SdpParseException if the ICE credentials or the fingerprint are missing
     */
    public static TransportDescription read(Sdp sdp, MediaSection section) {
        String ufrag = sdp.attribute(section, "ice-ufrag")
                .orElseThrow(() -> new SdpParseException("no a=ice-ufrag"));
        String pwd = sdp.attribute(section, "ice-pwd").orElseThrow(() -> new SdpParseException("no a=ice-pwd"));
        List<String> fingerprints = section.attributes("fingerprint");
        if (fingerprints.isEmpty()) {
            fingerprints = sdp.attributes("fingerprint");
        }
        if (fingerprints.isEmpty()) {
            throw new SdpParseException("no a=fingerprint");
        }
        return new TransportDescription(ufrag, pwd, sdp.hasAttribute("ice-lite"), section.candidates(),
                fingerprints.stream().map(Fingerprint::parse).toList(),
                sdp.attribute(section, "setup").orElse("actpass"));
    }

    /** A mediasoup WebRtcTransport's side, with the {@code a=setup} value it takes in this description. */
    public static TransportDescription of(IceParameters ice, List<IceCandidate> iceCandidates, DtlsParameters dtls,
            String setup) {
        List<Candidate> candidates = new ArrayList<>();
        for (IceCandidate candidate : iceCandidates) {
            Map<String, String> extensions = candidate.tcpType() == null ? Map.of()
                    : Map.of("tcptype", candidate.tcpType() == IceCandidateTcpType.PASSIVE ? "passive" : candidate.tcpType().value());
            candidates.add(new Candidate(candidate.foundation(), 1, candidate.protocol().value(), candidate.priority(),
                    candidate.address(), candidate.port(), candidate.type().value(), extensions));
        }
        List<Fingerprint> fingerprints = dtls.fingerprints().stream()
                .map(fingerprint -> new Fingerprint(fingerprint.algorithm().value(), fingerprint.value()))
                .toList();
        return new TransportDescription(ice.usernameFragment(), ice.password(), ice.iceLite(), candidates,
                fingerprints, setup);
    }

    /**
     * The {@code a=setup} an answerer writes to this offer: {@code active} if the offerer wants to be
     * the DTLS server ({@code passive}), else {@code passive} (mediasoup then is the DTLS server).
     */
    public String answerSetup() {
        return "passive".equals(setup) ? "active" : "passive";
    }

    /**
     * These fingerprints with the DTLS role this end takes once the peer answered with
     * {@code peerSetup}: what {@code WebRtcTransport.connect} is given.
     */
    public DtlsParameters dtlsParameters(String peerSetup) {
        DtlsRole role = "active".equals(peerSetup) ? DtlsRole.SERVER
                : "passive".equals(peerSetup) ? DtlsRole.CLIENT : DtlsRole.AUTO;
        List<DtlsFingerprint> list = new ArrayList<>();
        for (Fingerprint fingerprint : fingerprints) {
            FingerprintAlgorithm algorithm = FingerprintAlgorithm.fromValue(fingerprint.algorithm());
            if (algorithm != null) {
                list.add(new DtlsFingerprint(algorithm, fingerprint.value()));
            }
        }
        if (list.isEmpty()) {
            throw new SdpParseException("no a=fingerprint with a supported hash function");
        }
        return new DtlsParameters(role, list);
    }

    /** Writes the ICE and DTLS attributes into {@code section}. */
    public void writeTo(MediaSection section) {
        section.addAttribute("ice-ufrag", iceUfrag);
        section.addAttribute("ice-pwd", icePwd);
        for (Candidate candidate : candidates) {
            section.addAttribute("candidate", candidate.toString());
        }
        if (!candidates.isEmpty() && iceLite) {
            section.addAttribute("end-of-candidates", null);
        }
        writeDtlsTo(section);
    }

    /**
     * Writes the ICE credentials and the DTLS attributes, without candidates: for a rejected section,
     * which carries no media but which parsers such as GStreamer's webrtcbin still read a transport from.
     */
    public void writeCredentialsTo(MediaSection section) {
        section.addAttribute("ice-ufrag", iceUfrag);
        section.addAttribute("ice-pwd", icePwd);
        writeDtlsTo(section);
    }

    private void writeDtlsTo(MediaSection section) {
        for (Fingerprint fingerprint : fingerprints) {
            section.addAttribute("fingerprint", fingerprint.toString());
        }
        section.addAttribute("setup", setup);
    }
}
