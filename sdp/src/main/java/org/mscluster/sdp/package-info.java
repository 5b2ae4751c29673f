/**
 * SDP (RFC 8866) as WebRTC endpoints write it, and its conversions to and from mediasoup's RTP
 * parameters: what mediasoup-client's handlers do in the browser, for the server side (WHIP, WHEP)
 * and for Java clients.
 *
 * <p>{@link org.mscluster.sdp.Sdp} is a lossless line model: parsing then writing gives the same
 * lines, attributes keep their order and unknown ones pass through. Typed views of the attributes
 * WebRTC needs ({@link org.mscluster.sdp.Rtpmap}, {@link org.mscluster.sdp.Extmap},
 * {@link org.mscluster.sdp.Candidate}, …) parse on demand. The converters
 * ({@link org.mscluster.sdp.RtpParametersReader}, {@link org.mscluster.sdp.RtpCapabilitiesReader},
 * {@link org.mscluster.sdp.MediaSectionWriter}) stay free of any signaling protocol.
 */
package org.mscluster.sdp;
