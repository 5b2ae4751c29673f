/*
 * libmscluster-bridge: hosts an in-process mediasoup worker for the JVM.
 *
 * mediasoup_worker_run() calls its channel read/free/write callbacks on the
 * worker thread for every message. Implemented as JNA callbacks they would
 * cost microseconds each and stall the media loop; here they are plain C on
 * a mutex-protected queue, and Java moves bytes in batches through
 * msb_worker_send*() and msb_worker_receive().
 *
 * Threading: msb_worker_run() blocks the calling thread for the worker's
 * lifetime (all worker state is thread-local to it). The other functions may
 * be called from any thread; msb_worker_receive() is meant for one consumer
 * thread per worker (it keeps message order).
 */
#ifndef MSCLUSTER_BRIDGE_H
#define MSCLUSTER_BRIDGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define MSB_API __attribute__((visibility("default")))
#else
#define MSB_API
#endif

/* Largest payload the worker accepts (it drops bigger ones as "message too big"). */
#define MSB_MAX_MESSAGE_LEN 4194304u

typedef struct msb_worker msb_worker;

/* Returns NULL on allocation failure. */
MSB_API msb_worker* msb_worker_new(void);

/* Runs mediasoup_worker_run(argc, argv, version, 0, 0, readFn, w, writeFn, w)
   on the calling thread until the worker ends; returns its code (0, 40, 42,
   134), or -1 if w was already run. Afterwards sends fail (-1) and
   msb_worker_receive returns -1 once the output is drained. */
MSB_API int msb_worker_run(msb_worker* w, int argc, char** argv, const char* version);

/* Queues one UNPREFIXED message (copied into malloc'd memory, freed by the
   worker's free callback). Wakes the worker with uv_async_send if the handle
   is known (it is handed over on the first read callback; messages queued
   before that are drained by that first read). Returns 0, or -1 if input is
   closed (after msb_worker_send_last, or after run returned), -2 if
   len > MSB_MAX_MESSAGE_LEN, -3 if len == 0 or msg is NULL (an empty message
   would crash the worker), -4 if out of memory. */
MSB_API int msb_worker_send(msb_worker* w, const uint8_t* msg, uint32_t len);

/* Same as send, then closes input: never calls uv_async_send again afterwards
   (used for the WORKER_CLOSE notification; the handle is freed when the
   worker's loop closes). */
MSB_API int msb_worker_send_last(msb_worker* w, const uint8_t* msg, uint32_t len);

/* Queues several messages in one call: buf holds back-to-back
   [u32 little-endian length][payload] records; one lock, one wake-up. Same
   return codes; -3 on a malformed buffer or an empty record (nothing is
   queued then). An empty buffer queues nothing and returns 0. */
MSB_API int msb_worker_send_batch(msb_worker* w, const uint8_t* buf, uint32_t len);

/* Waits up to timeout_ms (0 = don't wait, <0 = forever) for output, then
   copies as many COMPLETE messages as fit into buf, exactly as the worker
   wrote them (each with its 4-byte little-endian size prefix). Returns bytes
   copied (>0); 0 on timeout or msb_worker_interrupt; -1 when the worker ended
   and everything was drained; if the next message alone is larger than cap,
   returns -(its prefixed size) (always < -1), so the caller can grow its
   buffer. */
MSB_API int64_t msb_worker_receive(msb_worker* w, uint8_t* buf, uint64_t cap, int32_t timeout_ms);

/* Wakes any msb_worker_receive waiter (it returns 0) without data, e.g. on
   Java-side shutdown. If no receiver is waiting, the next receive that would
   block returns 0 at once instead. */
MSB_API void msb_worker_interrupt(msb_worker* w);

/* Frees everything; only after run returned (or if it never ran) and no other
   call is in progress. */
MSB_API void msb_worker_free(msb_worker* w);

#ifdef __cplusplus
}
#endif

#endif
