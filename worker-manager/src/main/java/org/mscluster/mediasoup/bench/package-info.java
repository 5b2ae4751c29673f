/**
 * Benchmarks that need the channel under the API: the CLI's {@code bench channel} runs them, so the CLI
 * itself reaches the worker only through the mediasoup API.
 */
package org.mscluster.mediasoup.bench;
