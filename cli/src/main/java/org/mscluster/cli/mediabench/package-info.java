/**
 * {@code mscluster bench media}: the media plane's capacity on one worker. A recorded VP8 + opus
 * stream ({@link org.mscluster.cli.mediabench.RtpClip}, encoded once by ffmpeg so encoding costs
 * nothing during the measurement) is played in a loop into a PlainTransport producer pair; consumers
 * on PlainTransports are added in steps and all send to one receiving socket, which counts each
 * consumer's packets by its SSRC and sequence numbers. A step's loss and the worker's CPU decide
 * whether to go on. The same steps run through the Java API ({@link
 * org.mscluster.cli.mediabench.JavaFanout}; with an in-process worker, in a JVM of its own through
 * {@link org.mscluster.cli.mediabench.ChildFanout}) or through the official Node layer (a child
 * process too) on the same worker binary, so the two are comparable in one run, and the receivers
 * never share the worker's process. {@link org.mscluster.cli.mediabench.EgressBenchmark} plays the
 * same clip into a room's producers for {@code mscluster bench egress}: what an egress's ffmpeg and
 * the worker spend on it, and how many composites keep real time.
 */
package org.mscluster.cli.mediabench;
