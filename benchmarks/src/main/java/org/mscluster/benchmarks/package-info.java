/**
 * JMH micro-benchmarks of the control layer's hot paths, with no worker, so a regression in our own
 * code shows apart from the worker's and the machine's noise: the channel's request table and
 * message encoding over a loopback host that answers at once ({@link
 * org.mscluster.benchmarks.ChannelBenchmark}), FlatBuffers encoding and decoding of RTP parameters
 * ({@link org.mscluster.benchmarks.RtpParametersCodecBenchmark}), and the ortc computations of every
 * produce and consume ({@link org.mscluster.benchmarks.OrtcBenchmark}). Run them with
 * {@code java -jar benchmarks/target/benchmarks.jar}; the end-to-end figures beside the Node layer
 * are {@code mscluster bench channel|api|media}.
 */
package org.mscluster.benchmarks;
