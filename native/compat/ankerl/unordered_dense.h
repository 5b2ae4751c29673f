// Stand-in for ankerl::unordered_dense (header-only, not packaged in Debian 12)
// covering what the mediasoup 3.27 worker and its libwebrtc copy use: map, set
// and hash<T>. The containers are the standard ones; only the hash differs
// from std::hash, because libstdc++ hashes integers to themselves and the
// worker hashes small integers (ports, SSRCs, enum values) and combines them
// with Utils::Crypto::HashCombine, which needs well-spread input bits.
//
// Semantics the worker relies on are a subset of both libraries: iteration
// order is unspecified in both, and std containers keep references stable
// where unordered_dense does not, so code written for the latter is safe here.
#ifndef MSCLUSTER_COMPAT_ANKERL_UNORDERED_DENSE_H
#define MSCLUSTER_COMPAT_ANKERL_UNORDERED_DENSE_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ankerl::unordered_dense
{
	namespace detail
	{
		// 64x64 -> 128 bit multiply, folded: the multiply spreads every input bit
		// over the high half, the xor brings it back down. Cheap on x86-64 and
		// aarch64 (one mul/umulh pair).
		inline uint64_t mix(uint64_t a, uint64_t b) noexcept
		{
			const __uint128_t r = static_cast<__uint128_t>(a) * b;

			return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
		}

		inline constexpr uint64_t kMul0 = 0x9e3779b97f4a7c15ULL; // 2^64 / golden ratio
		inline constexpr uint64_t kMul1 = 0xe7037ed1a0b428dbULL;
		inline constexpr uint64_t kMul2 = 0x8ebc6af09c88c6e3ULL;

		inline uint64_t hashInteger(uint64_t x) noexcept
		{
			return mix(x ^ kMul1, kMul0);
		}

		inline uint64_t read64(const unsigned char* p) noexcept
		{
			uint64_t v;
			std::memcpy(&v, p, sizeof(v));
			return v;
		}

		inline uint64_t read32(const unsigned char* p) noexcept
		{
			uint32_t v;
			std::memcpy(&v, p, sizeof(v));
			return v;
		}

		// A small multiply-fold byte hash: 16 bytes per round, tail read with
		// overlapping loads so there is no per-byte loop.
		inline uint64_t hashBytes(const void* data, size_t len) noexcept
		{
			const auto* p = static_cast<const unsigned char*>(data);
			uint64_t seed = kMul0 ^ mix(static_cast<uint64_t>(len) ^ kMul2, kMul1);
			uint64_t a;
			uint64_t b;

			if (len <= 16)
			{
				if (len >= 8)
				{
					a = read64(p);
					b = read64(p + len - 8);
				}
				else if (len >= 4)
				{
					a = read32(p);
					b = read32(p + len - 4);
				}
				else if (len > 0)
				{
					a = (static_cast<uint64_t>(p[0]) << 16) | (static_cast<uint64_t>(p[len >> 1]) << 8) |
					    p[len - 1];
					b = 0;
				}
				else
				{
					a = 0;
					b = 0;
				}
			}
			else
			{
				size_t i = len;

				while (i > 16)
				{
					seed = mix(read64(p) ^ kMul1, read64(p + 8) ^ seed);
					p += 16;
					i -= 16;
				}

				a = read64(p + i - 16);
				b = read64(p + i - 8);
			}

			return mix(kMul1 ^ static_cast<uint64_t>(len), mix(a ^ kMul1, b ^ seed));
		}
	} // namespace detail

	template<typename T, typename Enable = void>
	struct hash
	{
		using is_avalanching = void;

		uint64_t operator()(const T& value) const noexcept(noexcept(std::hash<T>{}(value)))
		{
			return detail::hashInteger(static_cast<uint64_t>(std::hash<T>{}(value)));
		}
	};

	template<typename T>
	struct hash<T, std::enable_if_t<std::is_integral_v<T> || std::is_enum_v<T>>>
	{
		using is_avalanching = void;

		uint64_t operator()(const T& value) const noexcept
		{
			if constexpr (std::is_enum_v<T>)
			{
				return detail::hashInteger(
				  static_cast<uint64_t>(static_cast<std::underlying_type_t<T>>(value)));
			}
			else
			{
				return detail::hashInteger(static_cast<uint64_t>(value));
			}
		}
	};

	template<typename T>
	struct hash<T*>
	{
		using is_avalanching = void;

		uint64_t operator()(T* ptr) const noexcept
		{
			return detail::hashInteger(reinterpret_cast<uintptr_t>(ptr));
		}
	};

	template<typename T>
	struct hash<std::unique_ptr<T>>
	{
		using is_avalanching = void;

		uint64_t operator()(const std::unique_ptr<T>& ptr) const noexcept
		{
			return detail::hashInteger(reinterpret_cast<uintptr_t>(ptr.get()));
		}
	};

	template<typename T>
	struct hash<std::shared_ptr<T>>
	{
		using is_avalanching = void;

		uint64_t operator()(const std::shared_ptr<T>& ptr) const noexcept
		{
			return detail::hashInteger(reinterpret_cast<uintptr_t>(ptr.get()));
		}
	};

	template<typename CharT>
	struct hash<std::basic_string<CharT>>
	{
		using is_avalanching = void;
		// Lets find()/contains() take a string_view or a C string without
		// building a std::string (honoured by std containers from C++20 when the
		// equality is transparent too).
		using is_transparent = void;

		uint64_t operator()(std::basic_string_view<CharT> str) const noexcept
		{
			return detail::hashBytes(str.data(), str.size() * sizeof(CharT));
		}
	};

	template<typename CharT>
	struct hash<std::basic_string_view<CharT>>
	{
		using is_avalanching = void;
		using is_transparent = void;

		uint64_t operator()(std::basic_string_view<CharT> str) const noexcept
		{
			return detail::hashBytes(str.data(), str.size() * sizeof(CharT));
		}
	};

	// unordered_dense takes (Key, T, Hash, KeyEqual, AllocatorOrContainer,
	// Bucket); the worker passes at most a custom Hash, so the trailing
	// parameters are accepted and ignored beyond the allocator.
	template<
	  class Key,
	  class T,
	  class Hash      = hash<Key>,
	  class KeyEqual  = std::equal_to<Key>,
	  class Allocator = std::allocator<std::pair<const Key, T>>,
	  class...>
	using map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

	template<
	  class Key,
	  class Hash      = hash<Key>,
	  class KeyEqual  = std::equal_to<Key>,
	  class Allocator = std::allocator<Key>,
	  class...>
	using set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;
} // namespace ankerl::unordered_dense

#endif
