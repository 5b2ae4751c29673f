/**
 * Rooms as mediasoup-demo's server has them: one router per room on the worker the room hosting
 * chose, every joined peer consuming every other peer's producers and data producers, an
 * AudioLevelObserver and an ActiveSpeakerObserver feeding {@code activeSpeaker}, a second
 * AudioLevelObserver feeding {@code audioLevels} to the peers that asked for them, the room closing
 * when its last peer leaves.
 *
 * <p>Threading: everything a room does runs on its own {@link
 * org.mscluster.signaling.room.SerialExecutor}, as Node runs a room on its one event loop.
 * Continuations of worker requests and mediasoup events hop onto it, so room state needs no locks
 * and the worker's channel thread never runs room code (blocking there would stall every room of
 * the worker).
 */
package org.mscluster.signaling.room;
