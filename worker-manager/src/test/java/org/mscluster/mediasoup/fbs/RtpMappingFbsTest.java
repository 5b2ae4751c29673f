package org.mscluster.mediasoup.fbs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.ortc.RtpCodecsEncodingsMapping;
import org.mscluster.mediasoup.ortc.RtpCodecsEncodingsMapping.CodecMapping;
import org.mscluster.mediasoup.ortc.RtpCodecsEncodingsMapping.EncodingMapping;

class RtpMappingFbsTest {

    @Test
    void mappingSurvivesARoundTrip() {
        RtpCodecsEncodingsMapping mapping = new RtpCodecsEncodingsMapping(
                List.of(new CodecMapping(111, 100), new CodecMapping(112, 101)),
                List.of(new EncodingMapping(0L, null, 4294967295L),
                        new EncodingMapping(null, "r0", 12345678L)));
        FlatBufferBuilder builder = new FlatBufferBuilder();
        builder.finish(RtpMappingFbs.serialize(builder, mapping));
        FBS.RtpParameters.RtpMapping fbs = FBS.RtpParameters.RtpMapping.getRootAsRtpMapping(builder.dataBuffer());

        // An SSRC of 0 is a value, not "absent".
        assertThat(fbs.encodings(0).hasSsrc()).isTrue();
        assertThat(fbs.encodings(1).hasSsrc()).isFalse();
        assertThat(RtpMappingFbs.parse(fbs)).isEqualTo(mapping);
    }
}
