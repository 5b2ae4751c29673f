/**
 * mediasoup's SCTP data types ({@code sctpParametersTypes.ts}) plus the endpoint-side
 * {@link org.mscluster.mediasoup.sctp.SctpCapabilities}.
 *
 * <p>JSON field names are those of the TypeScript types, including the upper-case {@code OS} and
 * {@code MIS}, which the Java accessors spell {@code os()} and {@code mis()}. As in the rtp package,
 * {@code null} means "absent", absent fields are left out of the JSON and unknown ones are ignored.
 */
package org.mscluster.mediasoup.sctp;
