/*
 * The libsrtp3 API that the mediasoup 3.27 worker uses, implemented on top of
 * Debian's libsrtp2 (2.5). mediasoup builds against versatica's libsrtp3 fork,
 * which is not packaged; the differences the worker depends on are:
 *   - srtp_policy_t is an opaque handle with create/set/add_key/destroy
 *     functions instead of a struct the caller fills in;
 *   - protect/unprotect are out-of-place with size_t lengths (libsrtp2 works
 *     in place with int lengths and trusts the caller for trailer room);
 *   - srtp_stream_remove is libsrtp2's srtp_remove_stream;
 *   - two extra error codes.
 * This directory must come first on the include path so that `#include
 * <srtp.h>` in the worker resolves here. C++ only: the new functions are
 * overloads of libsrtp2's C functions where the argument lists differ.
 */
#ifndef MSCLUSTER_COMPAT_SRTP_H
#define MSCLUSTER_COMPAT_SRTP_H

#ifndef __cplusplus
#error "compat/srtp.h maps the libsrtp3 API with C++ overloads; include it from C++ only"
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>

// libsrtp2 declares `struct srtp_policy_t`, the very name libsrtp3 gives its
// opaque handle type. Rename libsrtp2's for the duration of its header.
#define srtp_policy_t srtp2_policy_t
#include <srtp2/srtp.h>
#undef srtp_policy_t

// libsrtp3 error codes that libsrtp2 lacks. Values past libsrtp2's last
// enumerator keep them distinct (the worker keys an error-string map on them).
inline constexpr srtp_err_status_t srtp_err_status_buffer_small =
  static_cast<srtp_err_status_t>(static_cast<int>(srtp_err_status_pkt_idx_adv) + 1);
inline constexpr srtp_err_status_t srtp_err_status_cryptex_err =
  static_cast<srtp_err_status_t>(static_cast<int>(srtp_err_status_pkt_idx_adv) + 2);

struct mscluster_srtp_policy
{
	srtp2_policy_t policy;
	// libsrtp2 reads the master key followed by the master salt from one
	// buffer that must outlive srtp_create(); libsrtp3 takes them apart.
	unsigned char keySalt[SRTP_MAX_KEY_LEN];
};

typedef mscluster_srtp_policy* srtp_policy_t;

inline srtp_err_status_t srtp_policy_create(srtp_policy_t* policy)
{
	if (!policy)
		return srtp_err_status_bad_param;

	auto* p = new (std::nothrow) mscluster_srtp_policy{};

	if (!p)
		return srtp_err_status_alloc_fail;

	p->policy.key  = p->keySalt;
	p->policy.next = nullptr;
	*policy        = p;

	return srtp_err_status_ok;
}

inline void srtp_policy_destroy(srtp_policy_t policy)
{
	if (policy)
	{
		// Keys must not linger in freed heap memory.
		std::memset(policy->keySalt, 0, sizeof(policy->keySalt));
		delete policy;
	}
}

inline srtp_err_status_t srtp_policy_set_ssrc(srtp_policy_t policy, srtp_ssrc_t ssrc)
{
	if (!policy)
		return srtp_err_status_bad_param;

	policy->policy.ssrc = ssrc;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_profile(srtp_policy_t policy, srtp_profile_t profile)
{
	if (!policy)
		return srtp_err_status_bad_param;

	srtp_err_status_t err = srtp_crypto_policy_set_from_profile_for_rtp(&policy->policy.rtp, profile);

	if (err != srtp_err_status_ok)
		return err;

	return srtp_crypto_policy_set_from_profile_for_rtcp(&policy->policy.rtcp, profile);
}

inline srtp_err_status_t srtp_policy_add_key(
  srtp_policy_t policy,
  const uint8_t* key,
  size_t keyLen,
  const uint8_t* salt,
  size_t saltLen,
  const uint8_t* mki,
  size_t mkiLen)
{
	if (!policy || !key || (saltLen > 0 && !salt))
		return srtp_err_status_bad_param;

	// Multiple keys / MKI would need libsrtp2's srtp_master_key_t list; the
	// worker never uses them, so refuse rather than silently ignore.
	if (mki != nullptr || mkiLen != 0)
		return srtp_err_status_bad_param;

	if (keyLen + saltLen > sizeof(policy->keySalt))
		return srtp_err_status_bad_param;

	std::memcpy(policy->keySalt, key, keyLen);

	if (saltLen > 0)
		std::memcpy(policy->keySalt + keyLen, salt, saltLen);

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_allow_repeat_tx(srtp_policy_t policy, bool allow)
{
	if (!policy)
		return srtp_err_status_bad_param;

	policy->policy.allow_repeat_tx = allow ? 1 : 0;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_window_size(srtp_policy_t policy, size_t windowSize)
{
	if (!policy)
		return srtp_err_status_bad_param;

	policy->policy.window_size = static_cast<unsigned long>(windowSize);

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_create(srtp_t* session, srtp_policy_t policy)
{
	if (!policy)
		return srtp_err_status_bad_param;

	return srtp_create(session, &policy->policy);
}

inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

namespace mscluster_srtp_detail
{
	// libsrtp2 transforms in place and appends up to `trailer` bytes, so the
	// input is moved into the output buffer first and the room is checked here
	// (libsrtp3 reports a too small output buffer instead of overflowing it).
	template<typename Fn>
	inline srtp_err_status_t transform(
	  const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen, size_t trailer, Fn&& fn)
	{
		if (!in || !out || !outLen)
			return srtp_err_status_bad_param;

		if (inLen > static_cast<size_t>(INT32_MAX) - trailer)
			return srtp_err_status_bad_param;

		if (*outLen < inLen + trailer)
			return srtp_err_status_buffer_small;

		if (out != in)
			std::memmove(out, in, inLen);

		int len                     = static_cast<int>(inLen);
		const srtp_err_status_t err = fn(out, &len);

		if (err == srtp_err_status_ok)
			*outLen = static_cast<size_t>(len);

		return err;
	}
} // namespace mscluster_srtp_detail

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t mkiIndex)
{
	return mscluster_srtp_detail::transform(
	  rtp,
	  rtpLen,
	  srtp,
	  srtpLen,
	  SRTP_MAX_TRAILER_LEN,
	  [ctx, mkiIndex](uint8_t* buf, int* len)
	  { return srtp_protect_mki(ctx, buf, len, 0, static_cast<unsigned int>(mkiIndex)); });
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	return mscluster_srtp_detail::transform(
	  srtp, srtpLen, rtp, rtpLen, 0, [ctx](uint8_t* buf, int* len) { return srtp_unprotect(ctx, buf, len); });
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t mkiIndex)
{
	// SRTCP also appends the 4-byte E-flag/index word.
	return mscluster_srtp_detail::transform(
	  rtcp,
	  rtcpLen,
	  srtcp,
	  srtcpLen,
	  SRTP_MAX_TRAILER_LEN + 4,
	  [ctx, mkiIndex](uint8_t* buf, int* len)
	  { return srtp_protect_rtcp_mki(ctx, buf, len, 0, static_cast<unsigned int>(mkiIndex)); });
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	return mscluster_srtp_detail::transform(
	  srtcp,
	  srtcpLen,
	  rtcp,
	  rtcpLen,
	  0,
	  [ctx](uint8_t* buf, int* len) { return srtp_unprotect_rtcp(ctx, buf, len); });
}

#endif
