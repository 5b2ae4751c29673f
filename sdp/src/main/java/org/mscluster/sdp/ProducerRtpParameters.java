package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtension;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionDirection;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;

/**
 * Narrows what a sending media section offers to what a mediasoup router takes, as mediasoup-client
 * does before {@code produce}: the first offered media codec the router accepts (mediasoup's own
 * strict matching, H264 profile and packetization mode included) with its RTX codec, and the header
 * extensions the router receives for the kind, under the ids the sender uses.
 */
public final class ProducerRtpParameters {

    private ProducerRtpParameters() {
    }

    /**
     * The parameters to produce with, or empty if the router takes none of the offered codecs or the
     * section announces no encoding.
     */
    public static Optional<RtpParameters> fit(RtpParameters offered, MediaKind kind, RtpCapabilities routerCaps) {
        if (offered.codecs() == null || offered.encodings() == null || offered.encodings().isEmpty()) {
            return Optional.empty();
        }
        for (RtpCodecParameters codec : offered.codecs()) {
            if (isRtx(codec)) {
                continue;
            }
            List<RtpCodecParameters> chosen = new ArrayList<>();
            chosen.add(codec);
            if (routerHasRtx(routerCaps, kind)) {
                offered.codecs().stream()
                        .filter(ProducerRtpParameters::isRtx)
                        .filter(rtx -> String.valueOf(rtx.parameters().get("apt")).equals(String.valueOf(codec.payloadType())))
                        .findFirst()
                        .ifPresent(chosen::add);
            }
            RtpParameters candidate = offered.toBuilder()
                    .codecs(chosen)
                    .headerExtensions(headerExtensions(offered, kind, routerCaps))
                    .encodings(chosen.size() > 1 ? offered.encodings()
                            : offered.encodings().stream().map(encoding -> encoding.withRtx(null)).toList())
                    .build();
            if (accepted(candidate, routerCaps)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean accepted(RtpParameters candidate, RtpCapabilities routerCaps) {
        try {
            Ortc.getProducerRtpParametersMapping(Ortc.validateAndNormalizeRtpParameters(candidate), routerCaps);
            return true;
        } catch (MediasoupException e) {
            return false;
        }
    }

    private static List<RtpHeaderExtensionParameters> headerExtensions(RtpParameters offered, MediaKind kind,
            RtpCapabilities routerCaps) {
        if (offered.headerExtensions() == null) {
            return List.of();
        }
        return offered.headerExtensions().stream()
                .filter(ext -> routerCaps.headerExtensions().stream().anyMatch(routerExt -> receives(routerExt, kind, ext.uri())))
                .toList();
    }

    private static boolean receives(RtpHeaderExtension routerExt, MediaKind kind, String uri) {
        RtpHeaderExtensionDirection direction = routerExt.direction();
        return routerExt.kind() == kind && routerExt.uri().equals(uri)
                && (direction == null || direction == RtpHeaderExtensionDirection.SENDRECV
                        || direction == RtpHeaderExtensionDirection.RECVONLY);
    }

    private static boolean routerHasRtx(RtpCapabilities routerCaps, MediaKind kind) {
        return routerCaps.codecs().stream()
                .anyMatch(codec -> codec.kind() == kind && codec.mimeType().toLowerCase().endsWith("/rtx"));
    }

    static boolean isRtx(RtpCodecParameters codec) {
        return codec.mimeType().toLowerCase().endsWith("/rtx");
    }
}
