/**
 * mediasoup's RTP data types ({@code rtpParametersTypes.ts}), the list of what the worker supports
 * and scalability-mode parsing.
 *
 * <p>Every record carries the JSON field names of the TypeScript types because the signaling layer
 * sends them to browsers verbatim, where mediasoup-client reads them. Optional TypeScript fields
 * are nullable boxed components: {@code null} means "absent" (as {@code undefined} does in Node), is
 * left out of the JSON, and lets {@link org.mscluster.mediasoup.ortc.Ortc} tell "not given" from a
 * value and fill in mediasoup's defaults. Unknown JSON fields are ignored, so newer clients that
 * send more do not break us. Collections are unmodifiable copies but may hold {@code null}
 * elements, so that validation, not deserialization, reports them with mediasoup's messages.
 */
package org.mscluster.mediasoup.rtp;
