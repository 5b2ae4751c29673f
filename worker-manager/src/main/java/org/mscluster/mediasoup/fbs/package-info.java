/**
 * Conversions between the API's records and the worker's FlatBuffers tables, one class per schema
 * area, as Node's {@code *FbsUtils.js} files: {@link org.mscluster.mediasoup.fbs.RtpParametersFbs},
 * {@link org.mscluster.mediasoup.fbs.RtpEncodingsFbs}, {@link org.mscluster.mediasoup.fbs.ParametersFbs}
 * (the codec-parameter {@code Value} union), {@link org.mscluster.mediasoup.fbs.RtpMappingFbs},
 * {@link org.mscluster.mediasoup.fbs.SctpParametersFbs}, {@link org.mscluster.mediasoup.fbs.RtpStreamStatsFbs}
 * and {@link org.mscluster.mediasoup.fbs.RtpStreamDumpFbs}.
 *
 * <p>Kept apart from the entity classes because several of them share each conversion (a producer,
 * its transport and the consumers of a pipe all carry RTP parameters) and because the conversions
 * are pure functions, testable by a round trip through a buffer without a worker. Reading mirrors
 * Node's quirks on purpose (an empty string reads as absent, {@code dtx} is always present), so
 * dumps compare as the jest suite expects. Writing goes through
 * {@link org.mscluster.mediasoup.fbs.OptionalFields} for the schema's {@code = null} scalars,
 * which flatc's generated Java writes wrongly.
 */
package org.mscluster.mediasoup.fbs;
