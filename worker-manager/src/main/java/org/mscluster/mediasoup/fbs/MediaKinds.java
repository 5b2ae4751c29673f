package org.mscluster.mediasoup.fbs;

import org.mscluster.mediasoup.rtp.MediaKind;

/** {@link MediaKind} to and from the schema's {@code FBS.RtpParameters.MediaKind}. */
public final class MediaKinds {

    private MediaKinds() {
    }

    public static int toFbs(MediaKind kind) {
        return kind == MediaKind.AUDIO ? FBS.RtpParameters.MediaKind.AUDIO : FBS.RtpParameters.MediaKind.VIDEO;
    }

    /** As Node: anything but {@code AUDIO} is video. */
    public static MediaKind fromFbs(int kind) {
        return kind == FBS.RtpParameters.MediaKind.AUDIO ? MediaKind.AUDIO : MediaKind.VIDEO;
    }
}
