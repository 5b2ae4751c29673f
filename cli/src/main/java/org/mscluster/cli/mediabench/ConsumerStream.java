package org.mscluster.cli.mediabench;

/** One consumer as the receiver sees it: its SSRC and whether it carries video. */
public record ConsumerStream(long ssrc, boolean video) {
}
