package org.mscluster.mediasoup.fbs;

import FBS.RtpParameters.RtcpParameters;
import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.List;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;

/**
 * {@link RtpParameters} to and from the schema's {@code RtpParameters}, as Node's
 * {@code rtpParametersFbsUtils}: what a produce or consume request carries, and what producer and
 * consumer dumps return.
 */
public final class RtpParametersFbs {

    // Field index of FBS.RtpParameters.RtpCodecParameters.channels, an optional scalar.
    private static final int CHANNELS = 3;

    private RtpParametersFbs() {
    }

    public static int serialize(FlatBufferBuilder builder, RtpParameters rtpParameters) {
        List<RtpCodecParameters> codecList = rtpParameters.codecs() == null ? List.of() : rtpParameters.codecs();
        int[] codecs = new int[codecList.size()];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = serializeCodec(builder, codecList.get(i));
        }
        int codecsOffset = FBS.RtpParameters.RtpParameters.createCodecsVector(builder, codecs);

        List<RtpHeaderExtensionParameters> extensionList =
                rtpParameters.headerExtensions() == null ? List.of() : rtpParameters.headerExtensions();
        int[] headerExtensions = new int[extensionList.size()];
        for (int i = 0; i < headerExtensions.length; i++) {
            headerExtensions[i] = serializeHeaderExtension(builder, extensionList.get(i));
        }
        int headerExtensionsOffset = FBS.RtpParameters.RtpParameters.createHeaderExtensionsVector(builder, headerExtensions);

        int encodingsOffset = RtpEncodingsFbs.serialize(builder, rtpParameters.encodings());

        // Node: "rtcp ?? { reducedSize: true }" then Boolean(reducedSize), so a given rtcp without
        // reducedSize sends false (ortc always fills it in before it gets here).
        String cname = rtpParameters.rtcp() == null ? null : rtpParameters.rtcp().cname();
        boolean reducedSize = rtpParameters.rtcp() == null || Boolean.TRUE.equals(rtpParameters.rtcp().reducedSize());
        int cnameOffset = cname == null ? 0 : builder.createString(cname);
        int rtcpOffset = RtcpParameters.createRtcpParameters(builder, cnameOffset, reducedSize);
        int midOffset = rtpParameters.mid() == null ? 0 : builder.createString(rtpParameters.mid());
        int msidOffset = rtpParameters.msid() == null ? 0 : builder.createString(rtpParameters.msid());

        FBS.RtpParameters.RtpParameters.startRtpParameters(builder);
        if (midOffset != 0) {
            FBS.RtpParameters.RtpParameters.addMid(builder, midOffset);
        }
        FBS.RtpParameters.RtpParameters.addCodecs(builder, codecsOffset);
        FBS.RtpParameters.RtpParameters.addHeaderExtensions(builder, headerExtensionsOffset);
        FBS.RtpParameters.RtpParameters.addEncodings(builder, encodingsOffset);
        FBS.RtpParameters.RtpParameters.addRtcp(builder, rtcpOffset);
        if (msidOffset != 0) {
            FBS.RtpParameters.RtpParameters.addMsid(builder, msidOffset);
        }
        return FBS.RtpParameters.RtpParameters.endRtpParameters(builder);
    }

    private static int serializeCodec(FlatBufferBuilder builder, RtpCodecParameters codec) {
        int mimeTypeOffset = builder.createString(codec.mimeType());
        int parametersOffset = FBS.RtpParameters.RtpCodecParameters.createParametersVector(builder,
                ParametersFbs.serialize(builder, codec.parameters()));
        List<RtcpFeedback> feedbackList = codec.rtcpFeedback() == null ? List.of() : codec.rtcpFeedback();
        int[] feedback = new int[feedbackList.size()];
        for (int i = 0; i < feedback.length; i++) {
            RtcpFeedback fb = feedbackList.get(i);
            int typeOffset = builder.createString(fb.type());
            int parameterOffset = fb.parameter() == null ? 0 : builder.createString(fb.parameter());
            feedback[i] = FBS.RtpParameters.RtcpFeedback.createRtcpFeedback(builder, typeOffset, parameterOffset);
        }
        int feedbackOffset = FBS.RtpParameters.RtpCodecParameters.createRtcpFeedbackVector(builder, feedback);

        FBS.RtpParameters.RtpCodecParameters.startRtpCodecParameters(builder);
        FBS.RtpParameters.RtpCodecParameters.addMimeType(builder, mimeTypeOffset);
        FBS.RtpParameters.RtpCodecParameters.addPayloadType(builder, orZero(codec.payloadType()));
        FBS.RtpParameters.RtpCodecParameters.addClockRate(builder, orZero(codec.clockRate()));
        OptionalFields.addByte(builder, CHANNELS, codec.channels());
        FBS.RtpParameters.RtpCodecParameters.addParameters(builder, parametersOffset);
        FBS.RtpParameters.RtpCodecParameters.addRtcpFeedback(builder, feedbackOffset);
        return FBS.RtpParameters.RtpCodecParameters.endRtpCodecParameters(builder);
    }

    private static int serializeHeaderExtension(FlatBufferBuilder builder, RtpHeaderExtensionParameters extension) {
        int uri = HeaderExtensionUris.toFbs(extension.uri());
        int parametersOffset = FBS.RtpParameters.RtpHeaderExtensionParameters.createParametersVector(builder,
                ParametersFbs.serialize(builder, extension.parameters()));
        return FBS.RtpParameters.RtpHeaderExtensionParameters.createRtpHeaderExtensionParameters(builder,
                uri, orZero(extension.id()), Boolean.TRUE.equals(extension.encrypt()), parametersOffset);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /**
     * As Node: empty {@code mid}, {@code msid} and {@code cname} read as absent, absent vectors as
     * empty lists.
     */
    public static RtpParameters parse(FBS.RtpParameters.RtpParameters data) {
        List<RtpCodecParameters> codecs = new ArrayList<>();
        for (int i = 0; i < data.codecsLength(); i++) {
            codecs.add(parseCodec(data.codecs(i)));
        }
        List<RtpHeaderExtensionParameters> headerExtensions = new ArrayList<>();
        for (int i = 0; i < data.headerExtensionsLength(); i++) {
            headerExtensions.add(parseHeaderExtension(data.headerExtensions(i)));
        }
        List<RtpEncodingParameters> encodings = new ArrayList<>();
        for (int i = 0; i < data.encodingsLength(); i++) {
            encodings.add(RtpEncodingsFbs.parse(data.encodings(i)));
        }
        RtcpParameters rtcp = data.rtcp();
        return RtpParameters.builder()
                .mid(RtpEncodingsFbs.emptyToNull(data.mid()))
                .codecs(codecs)
                .headerExtensions(headerExtensions)
                .encodings(encodings)
                .rtcp(rtcp == null ? null : new org.mscluster.mediasoup.rtp.RtcpParameters(
                        RtpEncodingsFbs.emptyToNull(rtcp.cname()), rtcp.reducedSize()))
                .msid(RtpEncodingsFbs.emptyToNull(data.msid()))
                .build();
    }

    public static RtpCodecParameters parseCodec(FBS.RtpParameters.RtpCodecParameters data) {
        List<RtcpFeedback> feedback = new ArrayList<>();
        for (int i = 0; i < data.rtcpFeedbackLength(); i++) {
            FBS.RtpParameters.RtcpFeedback fb = data.rtcpFeedback(i);
            feedback.add(RtcpFeedback.of(fb.type(), fb.parameter()));
        }
        return RtpCodecParameters.builder()
                .mimeType(data.mimeType())
                .payloadType(data.payloadType())
                .clockRate((int) data.clockRate())
                .channels(data.hasChannels() ? data.channels() : null)
                .parameters(ParametersFbs.parse(data.parametersLength(), data::parameters))
                .rtcpFeedback(feedback)
                .build();
    }

    public static RtpHeaderExtensionParameters parseHeaderExtension(FBS.RtpParameters.RtpHeaderExtensionParameters data) {
        return new RtpHeaderExtensionParameters(
                HeaderExtensionUris.fromFbs(data.uri()),
                data.id(),
                data.encrypt(),
                ParametersFbs.parse(data.parametersLength(), data::parameters));
    }
}
