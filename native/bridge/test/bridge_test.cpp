// Test host for libmscluster-bridge: drives in-process workers exactly the way
// the Java side does (send/send_batch/receive from other threads), checks the
// API contract and measures WORKER_DUMP round trips with N in flight.
//
//   bridge_test [--workers=2] [--seconds=3] [--inflight=64] [--min-rate=0]
//               [--replay=FILE]
//
// --replay: size-prefixed messages recorded from the Node layer
// (record-requests.js), replayed into a fresh in-process worker after the
// first workers' threads have ended; every request must be accepted. This is
// the check for libwebrtc's field trials outliving the first worker thread
// (run under valgrind to see an unpatched build read freed memory).
//
// Exits non-zero on any failed check or if the aggregate rate is below
// --min-rate round trips per second.
#include "mscluster_bridge.h"

#include "FBS/message.h"

#include <atomic>
#include <fstream>
#include <iterator>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace
{
	int failures = 0;

#define CHECK(cond)                                                                                  \
	do                                                                                                 \
	{                                                                                                  \
		if (!(cond))                                                                                     \
		{                                                                                                \
			std::fprintf(stderr, "CHECK FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);                   \
			++failures;                                                                                    \
		}                                                                                                \
	} while (0)

	const char* const kVersion = "3.27.1";

	// Builds one request message; prefixed for send_batch, plain for send.
	std::vector<uint8_t> buildRequest(uint32_t id, FBS::Request::Method method, bool prefixed)
	{
		flatbuffers::FlatBufferBuilder b(128);
		auto req = FBS::Request::CreateRequestDirect(b, id, method, "");
		auto msg = FBS::Message::CreateMessage(b, FBS::Message::Body::Request, req.Union());

		if (prefixed)
			b.FinishSizePrefixed(msg);
		else
			b.Finish(msg);

		return { b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize() };
	}

	std::vector<uint8_t> buildWorkerClose()
	{
		flatbuffers::FlatBufferBuilder b(64);
		auto n   = FBS::Notification::CreateNotificationDirect(b, "", FBS::Notification::Event::WORKER_CLOSE);
		auto msg = FBS::Message::CreateMessage(b, FBS::Message::Body::Notification, n.Union());

		b.Finish(msg);

		return { b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize() };
	}

	struct Worker
	{
		msb_worker* w{ msb_worker_new() };
		std::thread thread;
		std::atomic<int> rc{ -100 };
		std::vector<std::string> args;

		void start(std::vector<std::string> settings)
		{
			args = { "mediasoup-worker" };
			args.insert(args.end(), settings.begin(), settings.end());
			thread = std::thread(
			  [this]
			  {
				  std::vector<char*> argv;

				  for (auto& a : args)
					  argv.push_back(a.data());

				  argv.push_back(nullptr);
				  rc = msb_worker_run(w, static_cast<int>(args.size()), argv.data(), kVersion);
			  });
		}

		~Worker()
		{
			if (thread.joinable())
				thread.join();

			msb_worker_free(w);
		}
	};

	// Visits every prefixed message in buf[0..len).
	template<typename Fn>
	void forEachMessage(const uint8_t* buf, int64_t len, Fn&& fn)
	{
		int64_t off = 0;

		while (off < len)
		{
			uint32_t size;

			std::memcpy(&size, buf + off, 4);
			fn(FBS::Message::GetMessage(buf + off + 4));
			off += 4 + size;
		}
	}

	bool isRunning(const FBS::Message::Message* m)
	{
		auto* n = m->data_as_Notification();

		return n && n->event() == FBS::Notification::Event::WORKER_RUNNING;
	}

	void testApiWithoutWorker()
	{
		std::puts("== API checks without a running worker");

		msb_worker* w = msb_worker_new();
		uint8_t buf[16];
		std::vector<uint8_t> big(MSB_MAX_MESSAGE_LEN + 1, 0);
		const uint8_t malformed[] = { 5, 0, 0, 0, 1, 2 };
		const uint8_t tooBig[]    = { 0x01, 0x00, 0x40, 0x00 }; // 4194305

		CHECK(msb_worker_receive(w, buf, sizeof(buf), 0) == 0);
		CHECK(msb_worker_receive(w, buf, sizeof(buf), 20) == 0);
		msb_worker_interrupt(w);
		CHECK(msb_worker_receive(w, buf, sizeof(buf), -1) == 0);
		CHECK(msb_worker_send(w, big.data(), static_cast<uint32_t>(big.size())) == -2);
		CHECK(msb_worker_send_batch(w, malformed, sizeof(malformed)) == -3);
		CHECK(msb_worker_send_batch(w, tooBig, sizeof(tooBig)) == -2);

		// Interrupt reaches a receiver blocked forever.
		std::thread t([w] { std::this_thread::sleep_for(std::chrono::milliseconds(50)); msb_worker_interrupt(w); });
		CHECK(msb_worker_receive(w, buf, sizeof(buf), -1) == 0);
		t.join();

		// Queued but never run: freed by msb_worker_free (checked under ASan/valgrind).
		auto req = buildRequest(1, FBS::Request::Method::WORKER_DUMP, false);
		CHECK(msb_worker_send(w, req.data(), static_cast<uint32_t>(req.size())) == 0);
		msb_worker_free(w);
	}

	void testBadSettings()
	{
		std::puts("== bad settings return 42");

		Worker wk;
		std::vector<uint8_t> buf(64 * 1024);

		// Queued before the worker starts: must simply be freed.
		auto req = buildRequest(1, FBS::Request::Method::WORKER_DUMP, false);
		CHECK(msb_worker_send(wk.w, req.data(), static_cast<uint32_t>(req.size())) == 0);

		wk.start({ "--logLevel=bogus" });
		wk.thread.join();
		CHECK(wk.rc == 42);

		// Whatever the worker logged through the channel, then the end.
		int64_t n;

		while ((n = msb_worker_receive(wk.w, buf.data(), buf.size(), 1000)) > 0)
		{
			forEachMessage(
			  buf.data(),
			  n,
			  [](const FBS::Message::Message* m)
			  {
				  if (auto* log = m->data_as_Log())
					  std::printf("   worker log: %s\n", log->data()->c_str());
			  });
		}

		CHECK(n == -1);
		CHECK(msb_worker_send(wk.w, req.data(), static_cast<uint32_t>(req.size())) == -1);
	}

	void testLifecycle()
	{
		std::puts("== lifecycle: running, dump, small buffer, close");

		Worker wk;
		std::vector<uint8_t> buf(64 * 1024);

		// Sent before the first read callback: drained by it.
		auto req = buildRequest(7, FBS::Request::Method::WORKER_DUMP, false);
		CHECK(msb_worker_send(wk.w, req.data(), static_cast<uint32_t>(req.size())) == 0);

		wk.start({ "--logLevel=warn" });

		// A too small buffer reports the size needed.
		auto req2 = buildRequest(8, FBS::Request::Method::WORKER_DUMP, false);
		CHECK(msb_worker_send(wk.w, req2.data(), static_cast<uint32_t>(req2.size())) == 0);

		int responses     = 0;
		bool sawNegative  = false;
		bool sawRunning   = false;
		std::vector<uint8_t> small(8);
		const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);

		while (responses < 2 && std::chrono::steady_clock::now() < deadline)
		{
			const int64_t n = msb_worker_receive(wk.w, small.data(), small.size(), 100);

			if (n < -1)
			{
				sawNegative = true;
				small.resize(static_cast<size_t>(-n));
				continue;
			}

			CHECK(n >= 0);

			forEachMessage(
			  small.data(),
			  n,
			  [&](const FBS::Message::Message* m)
			  {
				  sawRunning = sawRunning || isRunning(m);

				  if (auto* r = m->data_as_Response())
				  {
					  CHECK(r->accepted());
					  CHECK(r->id() == 7 || r->id() == 8);
					  auto* dump = r->body_as_Worker_DumpResponse();
					  CHECK(dump != nullptr);
					  if (dump)
						  CHECK(dump->pid() == static_cast<uint32_t>(getpid()));
					  ++responses;
				  }
			  });
		}

		CHECK(responses == 2);
		CHECK(sawNegative);
		CHECK(sawRunning);

		auto close = buildWorkerClose();
		CHECK(msb_worker_send_last(wk.w, close.data(), static_cast<uint32_t>(close.size())) == 0);
		CHECK(msb_worker_send(wk.w, req.data(), static_cast<uint32_t>(req.size())) == -1);
		wk.thread.join();
		CHECK(wk.rc == 0);

		int64_t n;

		while ((n = msb_worker_receive(wk.w, buf.data(), buf.size(), 1000)) > 0)
		{
		}

		CHECK(n == -1);
		CHECK(msb_worker_receive(wk.w, buf.data(), buf.size(), -1) == -1);
	}

	// The responses of one batch reach a waiting receiver together: the worker
	// signals at the batch's end, not once per response (a sequence of awaited
	// requests then wakes its receiver once per batch).
	void testBatchWakesOnce()
	{
		std::puts("== a batch's responses wake a waiting receiver once");

		constexpr uint32_t kBatch = 100;

		Worker wk;
		std::vector<uint8_t> buf(256 * 1024);

		wk.start({ "--logLevel=warn" });

		bool running = false;

		while (!running)
		{
			const int64_t n = msb_worker_receive(wk.w, buf.data(), buf.size(), 5000);

			CHECK(n > 0);

			if (n <= 0)
				return;

			forEachMessage(buf.data(), n, [&](const FBS::Message::Message* m) { running = running || isRunning(m); });
		}

		std::atomic<int64_t> received{ 0 };
		std::thread receiver(
		  [&] { received = msb_worker_receive(wk.w, buf.data(), buf.size(), -1); });

		// Lets the receiver block first (were it late, it would find them all anyway).
		std::this_thread::sleep_for(std::chrono::milliseconds(200));

		std::vector<uint8_t> batch;

		for (uint32_t id = 1; id <= kBatch; ++id)
		{
			auto req = buildRequest(id, FBS::Request::Method::WORKER_DUMP, true);

			batch.insert(batch.end(), req.begin(), req.end());
		}

		CHECK(msb_worker_send_batch(wk.w, batch.data(), static_cast<uint32_t>(batch.size())) == 0);
		receiver.join();

		int responses = 0;

		CHECK(received > 0);
		forEachMessage(
		  buf.data(),
		  received,
		  [&](const FBS::Message::Message* m)
		  {
			  if (m->data_as_Response())
				  ++responses;
		  });
		CHECK(responses == static_cast<int>(kBatch));

		auto close = buildWorkerClose();
		CHECK(msb_worker_send_last(wk.w, close.data(), static_cast<uint32_t>(close.size())) == 0);
		wk.thread.join();
		CHECK(wk.rc == 0);
	}

	void testThroughput(int workers, int seconds, int inflight, double minRate)
	{
		std::printf("== throughput: %d workers, %d in flight each, %d s\n", workers, inflight, seconds);

		std::vector<std::unique_ptr<Worker>> wks;
		std::vector<std::thread> drivers;
		std::atomic<bool> stop{ false };
		std::atomic<uint64_t> total{ 0 };
		std::atomic<uint64_t> rejected{ 0 };

		for (int i = 0; i < workers; ++i)
		{
			wks.emplace_back(new Worker());
			wks.back()->start({ "--logLevel=warn" });
		}

		auto start = std::chrono::steady_clock::now();

		for (int i = 0; i < workers; ++i)
		{
			drivers.emplace_back(
			  [&, w = wks[i]->w]
			  {
				  std::vector<uint8_t> rbuf(256 * 1024);
				  std::vector<uint8_t> sbuf;
				  uint32_t nextId = 1;
				  uint64_t done   = 0;
				  int outstanding = 0;

				  auto sendN = [&](int n)
				  {
					  sbuf.clear();

					  for (int k = 0; k < n; ++k)
					  {
						  auto r = buildRequest(nextId++, FBS::Request::Method::WORKER_DUMP, true);
						  sbuf.insert(sbuf.end(), r.begin(), r.end());
					  }

					  if (msb_worker_send_batch(w, sbuf.data(), static_cast<uint32_t>(sbuf.size())) == 0)
						  outstanding += n;
				  };

				  sendN(inflight);

				  while (!stop.load(std::memory_order_relaxed))
				  {
					  const int64_t n = msb_worker_receive(w, rbuf.data(), rbuf.size(), 100);

					  if (n < -1)
					  {
						  rbuf.resize(static_cast<size_t>(-n));
						  continue;
					  }

					  if (n <= 0)
						  continue;

					  int got = 0;

					  forEachMessage(
					    rbuf.data(),
					    n,
					    [&](const FBS::Message::Message* m)
					    {
						    if (auto* r = m->data_as_Response())
						    {
							    ++got;
							    if (!r->accepted())
								    rejected.fetch_add(1, std::memory_order_relaxed);
						    }
					    });

					  done += got;
					  outstanding -= got;

					  if (got > 0)
						  sendN(got);
				  }

				  total.fetch_add(done);
			  });
		}

		std::this_thread::sleep_for(std::chrono::seconds(seconds));
		stop = true;

		for (auto& d : drivers)
			d.join();

		const double secs =
		  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
		const double rate = static_cast<double>(total.load()) / secs;

		std::printf("   %llu round trips in %.2f s = %.0f /s\n", static_cast<unsigned long long>(total.load()), secs, rate);
		CHECK(rejected.load() == 0);
		CHECK(rate >= minRate);

		auto close = buildWorkerClose();
		std::vector<uint8_t> buf(256 * 1024);

		for (auto& wk : wks)
		{
			CHECK(msb_worker_send_last(wk->w, close.data(), static_cast<uint32_t>(close.size())) == 0);
			wk->thread.join();
			CHECK(wk->rc == 0);

			int64_t n;

			while ((n = msb_worker_receive(wk->w, buf.data(), buf.size(), 1000)) != -1)
			{
				if (n < -1)
					buf.resize(static_cast<size_t>(-n));
			}
		}
	}

	void testReplay(const std::string& file)
	{
		std::printf("== replay %s into a new in-process worker\n", file.c_str());

		std::ifstream in(file, std::ios::binary);
		std::vector<uint8_t> rec((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

		CHECK(!rec.empty());

		if (rec.empty())
			return;

		// Split off the final message (WORKER_CLOSE) for send_last; count requests.
		size_t off = 0;
		size_t lastOff = 0;
		int requests = 0;

		while (off + 4 <= rec.size())
		{
			uint32_t size;

			std::memcpy(&size, rec.data() + off, 4);
			lastOff = off;

			if (FBS::Message::GetMessage(rec.data() + off + 4)->data_as_Request())
				++requests;

			off += 4 + size;
		}

		CHECK(off == rec.size());

		auto* lastMsg = FBS::Message::GetMessage(rec.data() + lastOff + 4);
		const bool lastIsClose =
		  lastMsg->data_as_Notification() &&
		  lastMsg->data_as_Notification()->event() == FBS::Notification::Event::WORKER_CLOSE;

		CHECK(lastIsClose);

		Worker wk;
		std::vector<uint8_t> buf(256 * 1024);

		wk.start({ "--logLevel=warn" });
		CHECK(msb_worker_send_batch(wk.w, rec.data(), static_cast<uint32_t>(lastOff)) == 0);

		uint32_t lastSize;

		std::memcpy(&lastSize, rec.data() + lastOff, 4);

		int accepted = 0;
		int64_t n;

		auto onMessage = [&](const FBS::Message::Message* m)
		{
			if (auto* r = m->data_as_Response())
			{
				if (r->accepted())
					++accepted;
				else
					std::printf(
					  "   request %u rejected: %s %s\n",
					  r->id(),
					  r->error() ? r->error()->c_str() : "",
					  r->reason() ? r->reason()->c_str() : "");
			}
			else if (auto* log = m->data_as_Log())
			{
				std::printf("   worker log: %s\n", log->data()->c_str());
			}
		};

		// Let every request be answered before closing.
		const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);

		while (accepted < requests && std::chrono::steady_clock::now() < deadline)
		{
			n = msb_worker_receive(wk.w, buf.data(), buf.size(), 200);

			if (n < -1)
				buf.resize(static_cast<size_t>(-n));
			else if (n > 0)
				forEachMessage(buf.data(), n, onMessage);
			else if (n == -1)
				break;
		}

		CHECK(msb_worker_send_last(wk.w, rec.data() + lastOff + 4, lastSize) == 0);
		wk.thread.join();
		CHECK(wk.rc == 0);

		while ((n = msb_worker_receive(wk.w, buf.data(), buf.size(), 1000)) != -1)
		{
			if (n < -1)
				buf.resize(static_cast<size_t>(-n));
			else if (n > 0)
				forEachMessage(buf.data(), n, onMessage);
		}

		std::printf("   %d/%d requests accepted\n", accepted, requests);
		CHECK(requests > 0 && accepted == requests);
	}

	int intArg(int argc, char** argv, const char* name, int def)
	{
		const size_t len = std::strlen(name);

		for (int i = 1; i < argc; ++i)
		{
			if (std::strncmp(argv[i], name, len) == 0 && argv[i][len] == '=')
				return std::atoi(argv[i] + len + 1);
		}

		return def;
	}
} // namespace

int main(int argc, char** argv)
{
	const int workers  = intArg(argc, argv, "--workers", 2);
	const int seconds  = intArg(argc, argv, "--seconds", 3);
	const int inflight = intArg(argc, argv, "--inflight", 64);
	const int minRate  = intArg(argc, argv, "--min-rate", 0);
	std::string replay;

	for (int i = 1; i < argc; ++i)
	{
		if (std::strncmp(argv[i], "--replay=", 9) == 0)
			replay = argv[i] + 9;
	}

	testApiWithoutWorker();
	testBadSettings();
	testLifecycle();
	// A second round of workers after the first ones ended: worker state is
	// thread-local and process-wide init (OpenSSL, libsrtp, libwebrtc field
	// trials) must survive the first worker thread.
	testLifecycle();
	testBatchWakesOnce();

	if (!replay.empty())
		testReplay(replay);

	testThroughput(workers, seconds, inflight, minRate);

	if (failures)
	{
		std::printf("FAILED: %d check(s)\n", failures);
		return 1;
	}

	std::puts("OK");
	return 0;
}
