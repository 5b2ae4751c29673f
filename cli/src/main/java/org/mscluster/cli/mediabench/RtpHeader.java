package org.mscluster.cli.mediabench;

/** The few RTP header fields the benchmark reads and rewrites (RFC 3550, section 5.1). */
final class RtpHeader {

    private RtpHeader() {
    }

    /** RTCP packet types 192–223 sit where RTP has its marker bit and payload type (RFC 5761). */
    static boolean isRtcp(byte[] packet) {
        int type = packet[1] & 0xFF;
        return type >= 192 && type <= 223;
    }

    static int sequenceNumber(byte[] packet) {
        return ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
    }

    static long timestamp(byte[] packet) {
        return readUint32(packet, 4);
    }

    static long ssrc(byte[] packet) {
        return readUint32(packet, 8);
    }

    static void setSequenceNumber(byte[] packet, int value) {
        packet[2] = (byte) (value >>> 8);
        packet[3] = (byte) value;
    }

    static void setTimestamp(byte[] packet, long value) {
        writeUint32(packet, 4, value);
    }

    static long readUint32(byte[] packet, int offset) {
        return ((packet[offset] & 0xFFL) << 24) | ((packet[offset + 1] & 0xFFL) << 16) | ((packet[offset + 2] & 0xFFL) << 8)
                | (packet[offset + 3] & 0xFFL);
    }

    private static void writeUint32(byte[] packet, int offset, long value) {
        packet[offset] = (byte) (value >>> 24);
        packet[offset + 1] = (byte) (value >>> 16);
        packet[offset + 2] = (byte) (value >>> 8);
        packet[offset + 3] = (byte) value;
    }
}
