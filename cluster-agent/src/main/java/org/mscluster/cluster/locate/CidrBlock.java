package org.mscluster.cluster.locate;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
public final class CidrBlock {
    private final byte[] network;
    private final int prefixLength;

    private CidrBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix}; a bare address is a single host. Host bits are cleared rather
     * than rejected, since {@code 10.1.2.3/8} in a config file plainly means {@code 10.0.0.0/8}.
     */
    public static CidrBlock parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        byte[] address = IpLiterals.parse(addressPart)
                .orElseThrow(() -> new IllegalArgumentException("not an IP network: " + text));
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text, e);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length must be 0-" + bits + " in " + text);
            }
        }
        return new CidrBlock(mask(address, prefix), prefix);
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** 4 for IPv4, 16 for IPv6. */
    public int addressLength() {
        return network.length;
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefixLength), network);
    }

    /** The network bytes as a hash key, for exact lookups at one prefix length. */
    ByteBuffer key() {
        return ByteBuffer.wrap(network).asReadOnlyBuffer();
    }

    static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsInByte = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xFF << (8 - bitsInByte));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrBlock other && prefixLength == other.prefixLength && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return java.net.InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: length is 4 or 16
        }
    }
}
