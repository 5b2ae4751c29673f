/**
 * Media of a client: the WebRTC engine (a factory on a headless audio module) and the sources a client
 * sends (frames and PCM the application pushes, or the built-in test pattern and tone).
 */
package org.mscluster.client.media;
