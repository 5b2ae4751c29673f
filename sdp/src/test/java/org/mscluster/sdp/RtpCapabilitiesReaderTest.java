package org.mscluster.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;

class RtpCapabilitiesReaderTest {

    @Test
    void chromeOfferCapabilitiesAreValidForMediasoup() {
        RtpCapabilities caps = RtpCapabilitiesReader.read(SdpSamples.parse("chrome-offer.sdp"));

        assertThat(caps.codecs()).filteredOn(codec -> codec.kind() == MediaKind.AUDIO)
                .first().extracting(RtpCodecCapability::mimeType, RtpCodecCapability::preferredPayloadType)
                .containsExactly("audio/opus", 111);
        assertThat(caps.headerExtensions()).anyMatch(ext -> ext.kind() == MediaKind.VIDEO && ext.preferredId() == 4
                && ext.uri().equals("urn:ietf:params:rtp-hdrext:sdes:mid"));
        Ortc.validateAndNormalizeRtpCapabilities(caps);
    }
}
