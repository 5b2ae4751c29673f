package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a transport or WebRtcServer listens ({@code TransportListenInfo}). {@code announcedAddress}
 * is what clients are told instead of {@code ip} (a public IP or a hostname); with
 * {@code exposeInternalIp} they are told both. Without {@code port} the worker takes one from
 * {@code portRange}, or else from its {@code rtcMinPort}-{@code rtcMaxPort} range. Buffer sizes of
 * 0 or {@code null} keep the system's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListenInfo(
        TransportProtocol protocol,
        String ip,
        String announcedAddress,
        Boolean exposeInternalIp,
        Integer port,
        PortRange portRange,
        SocketFlags flags,
        Integer sendBufferSize,
        Integer recvBufferSize) {

    public static ListenInfo udp(String ip) {
        return builder().protocol(TransportProtocol.UDP).ip(ip).build();
    }

    public static ListenInfo tcp(String ip) {
        return builder().protocol(TransportProtocol.TCP).ip(ip).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().protocol(protocol).ip(ip).announcedAddress(announcedAddress)
                .exposeInternalIp(exposeInternalIp).port(port).portRange(portRange).flags(flags)
                .sendBufferSize(sendBufferSize).recvBufferSize(recvBufferSize);
    }

    public ListenInfo withPort(Integer value) {
        return toBuilder().port(value).build();
    }

    public ListenInfo withPortRange(PortRange value) {
        return toBuilder().portRange(value).build();
    }

    public ListenInfo withAnnouncedAddress(String value) {
        return toBuilder().announcedAddress(value).build();
    }

    public static final class Builder {
        private TransportProtocol protocol;
        private String ip;
        private String announcedAddress;
        private Boolean exposeInternalIp;
        private Integer port;
        private PortRange portRange;
        private SocketFlags flags;
        private Integer sendBufferSize;
        private Integer recvBufferSize;

        private Builder() {
        }

        public Builder protocol(TransportProtocol value) {
            protocol = value;
            return this;
        }

        public Builder ip(String value) {
            ip = value;
            return this;
        }

        public Builder announcedAddress(String value) {
            announcedAddress = value;
            return this;
        }

        public Builder exposeInternalIp(Boolean value) {
            exposeInternalIp = value;
            return this;
        }

        public Builder port(Integer value) {
            port = value;
            return this;
        }

        public Builder portRange(PortRange value) {
            portRange = value;
            return this;
        }

        public Builder portRange(int min, int max) {
            portRange = new PortRange(min, max);
            return this;
        }

        public Builder flags(SocketFlags value) {
            flags = value;
            return this;
        }

        public Builder sendBufferSize(Integer value) {
            sendBufferSize = value;
            return this;
        }

        public Builder recvBufferSize(Integer value) {
            recvBufferSize = value;
            return this;
        }

        public ListenInfo build() {
            return new ListenInfo(protocol, ip, announcedAddress, exposeInternalIp, port, portRange, flags,
                    sendBufferSize, recvBufferSize);
        }
    }
}
