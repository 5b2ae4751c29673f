package org.mscluster.mediasoup.ortc;

import java.util.List;
import java.util.Map;

/**
 * H264 {@code profile-level-id} handling (RFC 6184 section 8.1) as the {@code h264-profile-level-id}
 * npm package that Node's ortc uses: H264 codecs only match when their profiles are equal, and the
 * level a producer is given is the answer to its offer.
 *
 * <p>Values follow JavaScript's loose typing on purpose: a {@code profile-level-id} that is not a
 * six-character string (e.g. a number from an SDP parser) is not understood, exactly as in Node.
 */
final class H264ProfileLevelId {

    enum Profile {
        CONSTRAINED_BASELINE("42e0"),
        BASELINE("4200"),
        MAIN("4d00"),
        CONSTRAINED_HIGH("640c"),
        HIGH("6400"),
        PREDICTIVE_HIGH_444("f400");

        /** profile_idc and profile_iop of the canonical string form. */
        final String idcIop;

        Profile(String idcIop) {
            this.idcIop = idcIop;
        }
    }

    /** Level 1b has no level_idc of its own; 0 stands for it, as in libwebrtc. */
    static final int LEVEL_1B = 0;

    private static final int LEVEL_1 = 10;
    private static final int LEVEL_1_1 = 11;
    private static final int LEVEL_3_1 = 31;
    private static final List<Integer> LEVELS = List.of(10, 11, 12, 13, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 52);

    /** For level_idc 11 with baseline-like profiles, constraint_set3 tells level 1b from 1.1. */
    private static final int CONSTRAINT_SET3_FLAG = 0x10;

    record ProfileLevel(Profile profile, int level) {
    }

    /**
     * What a missing {@code profile-level-id} means. The spec says Baseline level 1, but libwebrtc
     * (and so every browser) assumes Constrained Baseline 3.1 for compatibility with old endpoints.
     */
    private static final ProfileLevel DEFAULT = new ProfileLevel(Profile.CONSTRAINED_BASELINE, LEVEL_3_1);

    /** profile_idc plus a bit pattern over profile_iop ('x' = either) identifies a profile. */
    private record ProfilePattern(int profileIdc, int mask, int maskedValue, Profile profile) {

        static ProfilePattern of(int profileIdc, String iopPattern, Profile profile) {
            int mask = 0;
            int value = 0;
            for (int i = 0; i < 8; i++) {
                int bit = 1 << (7 - i);
                char c = iopPattern.charAt(i);
                if (c != 'x') {
                    mask |= bit;
                }
                if (c == '1') {
                    value |= bit;
                }
            }
            return new ProfilePattern(profileIdc, mask, value, profile);
        }

        boolean matches(int idc, int iop) {
            return idc == profileIdc && (iop & mask) == maskedValue;
        }
    }

    private static final List<ProfilePattern> PROFILE_PATTERNS = List.of(
            ProfilePattern.of(0x42, "x1xx0000", Profile.CONSTRAINED_BASELINE),
            ProfilePattern.of(0x4d, "1xxx0000", Profile.CONSTRAINED_BASELINE),
            ProfilePattern.of(0x58, "11xx0000", Profile.CONSTRAINED_BASELINE),
            ProfilePattern.of(0x42, "x0xx0000", Profile.BASELINE),
            ProfilePattern.of(0x58, "10xx0000", Profile.BASELINE),
            ProfilePattern.of(0x4d, "0x0x0000", Profile.MAIN),
            ProfilePattern.of(0x64, "00000000", Profile.HIGH),
            ProfilePattern.of(0x64, "00001100", Profile.CONSTRAINED_HIGH),
            ProfilePattern.of(0xf4, "00000000", Profile.PREDICTIVE_HIGH_444));

    private H264ProfileLevelId() {
    }

    /** Parses three hex bytes ({@code "42e01f"}); {@code null} if not a known profile and level. */
    static ProfileLevel parse(Object value) {
        if (!(value instanceof String string) || string.length() != 6) {
            return null;
        }
        int numeric = parseHexPrefix(string);
        if (numeric == 0) {
            return null;
        }
        int levelIdc = numeric & 0xff;
        int profileIop = (numeric >> 8) & 0xff;
        int profileIdc = (numeric >> 16) & 0xff;

        int level;
        if (levelIdc == LEVEL_1_1) {
            level = (profileIop & CONSTRAINT_SET3_FLAG) != 0 ? LEVEL_1B : LEVEL_1_1;
        } else if (LEVELS.contains(levelIdc)) {
            level = levelIdc;
        } else {
            return null;
        }
        for (ProfilePattern pattern : PROFILE_PATTERNS) {
            if (pattern.matches(profileIdc, profileIop)) {
                return new ProfileLevel(pattern.profile(), level);
            }
        }
        return null;
    }

    /** Canonical three-hex-byte form, or {@code null} for level 1b on a profile that has none. */
    static String toString(ProfileLevel profileLevel) {
        if (profileLevel.level() == LEVEL_1B) {
            return switch (profileLevel.profile()) {
                case CONSTRAINED_BASELINE -> "42f00b";
                case BASELINE -> "42100b";
                case MAIN -> "4d100b";
                default -> null;
            };
        }
        return profileLevel.profile().idcIop + String.format("%02x", profileLevel.level());
    }

    /** The profile-level-id of SDP codec parameters: the default when absent, {@code null} when invalid. */
    static ProfileLevel parseSdp(Map<String, Object> parameters) {
        Object value = parameters.get("profile-level-id");
        return JsValues.truthy(value) ? parse(value) : DEFAULT;
    }

    /** Same profile (Baseline, High, …), whatever the levels. */
    static boolean isSameProfile(Map<String, Object> parameters1, Map<String, Object> parameters2) {
        ProfileLevel a = parseSdp(parameters1);
        ProfileLevel b = parseSdp(parameters2);
        return a != null && b != null && a.profile() == b.profile();
    }

    /**
     * The profile-level-id to answer with, given the local (supported) and remote (offered)
     * parameters of two codecs of the same profile; {@code null} when neither side gives one.
     *
     * @throws IllegalArgumentException when either side is invalid or the profiles differ
     */
    static String answer(Map<String, Object> localSupported, Map<String, Object> remoteOffered) {
        if (!JsValues.truthy(localSupported.get("profile-level-id"))
                && !JsValues.truthy(remoteOffered.get("profile-level-id"))) {
            return null;
        }
        ProfileLevel local = parseSdp(localSupported);
        ProfileLevel remote = parseSdp(remoteOffered);
        if (local == null) {
            throw new IllegalArgumentException("invalid local_profile_level_id");
        }
        if (remote == null) {
            throw new IllegalArgumentException("invalid remote_profile_level_id");
        }
        if (local.profile() != remote.profile()) {
            throw new IllegalArgumentException("H264 Profile mismatch");
        }
        // Without level asymmetry the answer may not upgrade the level beyond the offer.
        boolean levelAsymmetryAllowed = isLevelAsymmetryAllowed(localSupported) && isLevelAsymmetryAllowed(remoteOffered);
        int answerLevel = levelAsymmetryAllowed ? local.level() : minLevel(local.level(), remote.level());
        return toString(new ProfileLevel(local.profile(), answerLevel));
    }

    private static boolean isLevelAsymmetryAllowed(Map<String, Object> parameters) {
        Object value = parameters.get("level-asymmetry-allowed");
        return Boolean.TRUE.equals(value) || JsValues.strictEquals(value, 1) || "1".equals(value);
    }

    /** Level 1b sits between 1 and 1.1 although its code (0) is the smallest. */
    private static boolean isLessLevel(int a, int b) {
        if (a == LEVEL_1B) {
            return b != LEVEL_1 && b != LEVEL_1B;
        }
        if (b == LEVEL_1B) {
            return a != LEVEL_1;
        }
        return a < b;
    }

    private static int minLevel(int a, int b) {
        return isLessLevel(a, b) ? a : b;
    }

    /** JavaScript's {@code parseInt(s, 16)}: the leading hex digits; 0 when there are none. */
    private static int parseHexPrefix(String string) {
        int end = 0;
        while (end < string.length() && isHexDigit(string.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(string.substring(0, end), 16);
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
