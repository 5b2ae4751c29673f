/*
 * libmscluster-bridge: see mscluster_bridge.h for the API contract.
 *
 * Design notes (the why):
 * - The worker thread is the media loop. Its per-message work here is one
 *   pointer pop (read), one free() (free) and one memcpy under an uncontended
 *   mutex (write). The read callback takes the whole input queue under one
 *   lock and pops from that private list, so a burst of N requests costs one
 *   lock on the worker side, not N.
 * - uv_async_send() is a syscall (eventfd write). It is issued at most once
 *   between two queue drains (wake_pending), and always under the mutex: the
 *   worker frees the async handle when its loop closes, and the mutex is what
 *   orders "input closed" before that.
 * - Output goes into one growable buffer that the receiver swaps out in O(1)
 *   and copies to Java outside the mutex, so the worker never waits for a
 *   copy into Java memory. The condvar is signalled only when a receiver is
 *   actually waiting, which saves a futex syscall per message under load,
 *   and, for output written while the worker reads a batch of input, once at
 *   the batch's end: a caller awaiting the last response of a batch (W1's
 *   close, close, create) is woken once, not by every response before it.
 */
#define _GNU_SOURCE
#include "mscluster_bridge.h"

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

/* The worker's C entry point (worker/include/lib.hpp, common.hpp). */
typedef void (*msb_read_free_fn)(uint8_t* msg, uint32_t len, size_t ctx);
typedef msb_read_free_fn (*msb_read_fn)(
  uint8_t** msg, uint32_t* len, size_t* ctx, const void* handle, void* arg);
typedef void (*msb_write_fn)(const uint8_t* msg, uint32_t len, void* arg);

extern int mediasoup_worker_run(
  int argc,
  char* argv[],
  const char* version,
  int consumerChannelFd,
  int producerChannelFd,
  msb_read_fn readFn,
  void* readCtx,
  msb_write_fn writeFn,
  void* writeCtx);

/* One queued input message, payload inline. The header is 16 bytes so the
   payload keeps malloc's 16-byte alignment (FlatBuffers reads scalars in
   place). */
typedef struct msb_msg
{
	union
	{
		struct msb_msg* next; /* while queued */
		msb_worker* owner;    /* once handed to the worker */
	} link;
	uint64_t len;
	uint8_t data[];
} msb_msg;

#define MSB_OUT_INITIAL_CAP ((size_t)64 * 1024)
/* A receive buffer that grew past this during a burst is released once
   drained rather than kept for the worker's whole life. */
#define MSB_OUT_KEEP_CAP ((size_t)8 * 1024 * 1024)

struct msb_worker
{
	pthread_mutex_t mu;
	pthread_cond_t cv;

	/* Input, guarded by mu. */
	msb_msg* in_head;
	msb_msg** in_tail;
	uv_async_t* handle; /* known after the first read callback */
	int wake_pending;   /* an uv_async_send is outstanding since the last drain */
	int input_closed;   /* send_last done or run returned: refuse sends */
	int wake_disabled;  /* never touch the handle again */
	int draining;       /* the worker is reading a batch: its output is signalled at the batch's end */

	/* Output being filled by the worker, guarded by mu. */
	uint8_t* out;
	size_t out_len;
	size_t out_cap;
	int rx_waiting;
	int interrupted;
	int ended;
	int ran;

	/* Worker thread only: messages taken from the input queue, not yet read. */
	msb_msg* local_head;

	/* Receiver side, guarded by rx_mu: the buffer swapped out of `out`. */
	pthread_mutex_t rx_mu;
	uint8_t* rx;
	size_t rx_len;
	size_t rx_off;
	size_t rx_cap;
};

static inline uint32_t load_le32(const uint8_t* p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void free_chain(msb_msg* m)
{
	while (m)
	{
		msb_msg* next = m->link.next;
		free(m);
		m = next;
	}
}

/* ---- worker-thread callbacks --------------------------------------------- */

static void on_free(uint8_t* msg, uint32_t len, size_t ctx)
{
	(void)msg;
	(void)len;
	msb_msg* m     = (msb_msg*)ctx;
	msb_worker* w  = m->link.owner;

	free(m);

	/* The worker closes its async handle while handling a message (normally
	   WORKER_CLOSE, but any path that closes the channel) and frees it when
	   the loop iteration ends, i.e. after this returns. Noticing it here, on
	   the worker thread while the handle is still valid, stops senders from
	   waking a handle that is about to be freed. */
	if (w->handle && uv_is_closing((const uv_handle_t*)w->handle))
	{
		pthread_mutex_lock(&w->mu);
		w->wake_disabled = 1;
		/* A closing channel reads no further (no end-of-batch read follows):
		   deliver what was deferred, and defer nothing from now on. */
		w->draining = 0;

		if (w->out_len > 0 && w->rx_waiting)
			pthread_cond_signal(&w->cv);

		pthread_mutex_unlock(&w->mu);
	}
}

static msb_read_free_fn on_read(
  uint8_t** msg, uint32_t* len, size_t* ctx, const void* handle, void* arg)
{
	msb_worker* w = (msb_worker*)arg;
	msb_msg* m    = w->local_head;

	if (!m)
	{
		pthread_mutex_lock(&w->mu);

		if (!w->handle && !w->wake_disabled)
			w->handle = (uv_async_t*)handle;

		/* The end of a batch: its responses and notifications reach a waiting
		   receiver with one wake-up instead of one per message. */
		if (w->out_len > 0 && w->rx_waiting)
			pthread_cond_signal(&w->cv);

		m               = w->in_head;
		w->in_head      = NULL;
		w->in_tail      = &w->in_head;
		w->wake_pending = 0;
		w->draining     = m != NULL;

		pthread_mutex_unlock(&w->mu);

		if (!m)
			return NULL;
	}

	w->local_head = m->link.next;
	m->link.owner = w;

	*msg = m->data;
	*len = (uint32_t)m->len;
	*ctx = (size_t)m;

	return on_free;
}

static int out_reserve(msb_worker* w, size_t extra)
{
	size_t need = w->out_len + extra;

	if (need <= w->out_cap)
		return 0;

	size_t cap = w->out_cap ? w->out_cap : MSB_OUT_INITIAL_CAP;

	while (cap < need)
		cap *= 2;

	uint8_t* p = (uint8_t*)realloc(w->out, cap);

	if (!p)
		return -1;

	w->out     = p;
	w->out_cap = cap;

	return 0;
}

static void on_write(const uint8_t* msg, uint32_t len, void* arg)
{
	msb_worker* w = (msb_worker*)arg;

	/* Receivers walk the buffer by the size prefixes, so a write that is not
	   exactly one prefixed message would corrupt everything after it. */
	if (len < 4 || (uint64_t)load_le32(msg) + 4 != len)
	{
		fprintf(stderr, "mscluster-bridge: dropping malformed worker output (%u bytes)\n", len);
		return;
	}

	pthread_mutex_lock(&w->mu);

	if (out_reserve(w, len) == 0)
	{
		memcpy(w->out + w->out_len, msg, len);
		w->out_len += len;

		/* Within a batch the signal waits for the batch's end (on_read), so a
		   receiver waiting for the batch's last response is woken once, not
		   by each response or notification before it. Output between batches
		   (timers, media events) is signalled at once. */
		if (w->rx_waiting && !w->draining)
			pthread_cond_signal(&w->cv);
	}
	else
	{
		fprintf(stderr, "mscluster-bridge: out of memory, dropping worker output (%u bytes)\n", len);
	}

	pthread_mutex_unlock(&w->mu);
}

/* ---- API ---------------------------------------------------------------- */

msb_worker* msb_worker_new(void)
{
	msb_worker* w = (msb_worker*)calloc(1, sizeof(*w));

	if (!w)
		return NULL;

	pthread_condattr_t ca;

	pthread_condattr_init(&ca);
	/* Timeouts must not jump with wall-clock changes. */
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);

	if (pthread_cond_init(&w->cv, &ca) != 0)
	{
		pthread_condattr_destroy(&ca);
		free(w);
		return NULL;
	}

	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&w->mu, NULL);
	pthread_mutex_init(&w->rx_mu, NULL);
	w->in_tail = &w->in_head;

	return w;
}

int msb_worker_run(msb_worker* w, int argc, char** argv, const char* version)
{
	pthread_mutex_lock(&w->mu);

	if (w->ran)
	{
		pthread_mutex_unlock(&w->mu);
		return -1;
	}

	w->ran = 1;
	pthread_mutex_unlock(&w->mu);

	const int rc = mediasoup_worker_run(argc, argv, version, 0, 0, on_read, w, on_write, w);

	pthread_mutex_lock(&w->mu);

	w->input_closed  = 1;
	w->wake_disabled = 1;
	w->handle        = NULL;
	w->ended         = 1;

	msb_msg* unread = w->in_head;

	w->in_head = NULL;
	w->in_tail = &w->in_head;

	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);

	/* Messages the worker never read (it stopped, or failed before reading). */
	free_chain(w->local_head);
	w->local_head = NULL;
	free_chain(unread);

	return rc;
}

/* Appends a ready chain [head..*tail] and wakes the worker once. */
static int enqueue(msb_worker* w, msb_msg* head, msb_msg** tail, int last)
{
	pthread_mutex_lock(&w->mu);

	if (w->input_closed)
	{
		pthread_mutex_unlock(&w->mu);
		free_chain(head);
		return -1;
	}

	if (head)
	{
		*w->in_tail = head;
		w->in_tail  = tail;

		if (w->handle && !w->wake_disabled && !w->wake_pending)
		{
			w->wake_pending = 1;
			uv_async_send(w->handle);
		}
	}

	if (last)
	{
		w->input_closed  = 1;
		w->wake_disabled = 1;
	}

	pthread_mutex_unlock(&w->mu);

	return 0;
}

static msb_msg* new_msg(const uint8_t* data, uint32_t len)
{
	msb_msg* m = (msb_msg*)malloc(sizeof(msb_msg) + len);

	if (!m)
		return NULL;

	m->link.next = NULL;
	m->len       = len;
	memcpy(m->data, data, len);

	return m;
}

static int send_one(msb_worker* w, const uint8_t* msg, uint32_t len, int last)
{
	if (len > MSB_MAX_MESSAGE_LEN)
		return -2;

	/* An empty message would make the worker parse whatever follows it. */
	if (len == 0 || !msg)
		return -3;

	msb_msg* m = new_msg(msg, len);

	if (!m)
		return -4;

	return enqueue(w, m, &m->link.next, last);
}

int msb_worker_send(msb_worker* w, const uint8_t* msg, uint32_t len)
{
	return send_one(w, msg, len, 0);
}

int msb_worker_send_last(msb_worker* w, const uint8_t* msg, uint32_t len)
{
	return send_one(w, msg, len, 1);
}

int msb_worker_send_batch(msb_worker* w, const uint8_t* buf, uint32_t len)
{
	if (len > 0 && !buf)
		return -3;

	/* Validate everything first so a bad record queues nothing. */
	uint32_t off = 0;

	while (off < len)
	{
		if (len - off < 4)
			return -3;

		const uint32_t mlen = load_le32(buf + off);

		off += 4;

		if (mlen > MSB_MAX_MESSAGE_LEN)
			return -2;

		if (mlen == 0 || mlen > len - off)
			return -3;

		off += mlen;
	}

	msb_msg* head  = NULL;
	msb_msg** tail = &head;

	for (off = 0; off < len;)
	{
		const uint32_t mlen = load_le32(buf + off);
		msb_msg* m          = new_msg(buf + off + 4, mlen);

		if (!m)
		{
			free_chain(head);
			return -4;
		}

		*tail = m;
		tail  = &m->link.next;
		off += 4 + mlen;
	}

	return enqueue(w, head, tail, 0);
}

static void deadline_after(struct timespec* ts, int32_t timeout_ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += timeout_ms / 1000;
	ts->tv_nsec += (long)(timeout_ms % 1000) * 1000000L;

	if (ts->tv_nsec >= 1000000000L)
	{
		ts->tv_sec += 1;
		ts->tv_nsec -= 1000000000L;
	}
}

/* With rx_mu held and rx drained: waits for output and swaps it into rx.
   Returns 1 when rx has data, else the value receive returns. */
static int64_t take_output(msb_worker* w, int32_t timeout_ms)
{
	pthread_mutex_lock(&w->mu);

	if (w->out_len == 0 && !w->ended)
	{
		if (w->interrupted || timeout_ms == 0)
		{
			w->interrupted = 0;
			pthread_mutex_unlock(&w->mu);
			return 0;
		}

		struct timespec deadline;

		if (timeout_ms > 0)
			deadline_after(&deadline, timeout_ms);

		w->rx_waiting = 1;

		while (w->out_len == 0 && !w->ended && !w->interrupted)
		{
			if (timeout_ms < 0)
			{
				pthread_cond_wait(&w->cv, &w->mu);
			}
			else if (pthread_cond_timedwait(&w->cv, &w->mu, &deadline) == ETIMEDOUT)
			{
				break;
			}
		}

		w->rx_waiting = 0;

		if (w->out_len == 0)
		{
			const int64_t r = (w->ended && !w->interrupted) ? -1 : 0;

			w->interrupted = 0;
			pthread_mutex_unlock(&w->mu);

			return r;
		}
	}

	if (w->out_len == 0)
	{
		pthread_mutex_unlock(&w->mu);
		return -1; /* ended and drained */
	}

	uint8_t* buf = w->out;
	size_t cap   = w->out_cap;

	w->out     = w->rx;
	w->out_cap = w->rx_cap;
	w->rx      = buf;
	w->rx_cap  = cap;
	w->rx_len  = w->out_len;
	w->rx_off  = 0;
	w->out_len = 0;

	pthread_mutex_unlock(&w->mu);

	return 1;
}

int64_t msb_worker_receive(msb_worker* w, uint8_t* buf, uint64_t cap, int32_t timeout_ms)
{
	pthread_mutex_lock(&w->rx_mu);

	if (w->rx_off == w->rx_len)
	{
		const int64_t r = take_output(w, timeout_ms);

		if (r != 1)
		{
			pthread_mutex_unlock(&w->rx_mu);
			return r;
		}
	}

	const uint8_t* p   = w->rx + w->rx_off;
	const size_t avail = w->rx_len - w->rx_off;
	size_t take        = 0;

	while (take + 4 <= avail)
	{
		const uint64_t size = (uint64_t)load_le32(p + take) + 4;

		if (take + size > cap)
			break;

		take += size;
	}

	if (take == 0)
	{
		const int64_t size = (int64_t)load_le32(p) + 4;

		pthread_mutex_unlock(&w->rx_mu);

		return -size;
	}

	if (buf)
		memcpy(buf, p, take);

	w->rx_off += take;

	if (w->rx_off == w->rx_len)
	{
		w->rx_off = 0;
		w->rx_len = 0;

		if (w->rx_cap > MSB_OUT_KEEP_CAP)
		{
			free(w->rx);
			w->rx     = NULL;
			w->rx_cap = 0;
		}
	}

	pthread_mutex_unlock(&w->rx_mu);

	return (int64_t)take;
}

void msb_worker_interrupt(msb_worker* w)
{
	pthread_mutex_lock(&w->mu);
	w->interrupted = 1;

	if (w->rx_waiting)
		pthread_cond_broadcast(&w->cv);

	pthread_mutex_unlock(&w->mu);
}

void msb_worker_free(msb_worker* w)
{
	if (!w)
		return;

	free_chain(w->in_head);
	free_chain(w->local_head);
	free(w->out);
	free(w->rx);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	pthread_mutex_destroy(&w->rx_mu);
	free(w);
}
