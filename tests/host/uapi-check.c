// SPDX-License-Identifier: GPL-2.0
/*
 * Compiled (not run) as C and C++ with -Wpadded -Werror: the uapi header
 * must stand alone and have no implicit padding.
 */
#include <linux/cmacodec.h>
#include <stddef.h>

#ifdef __cplusplus
#define CHECK(cond, msg) static_assert(cond, msg)
#elif __STDC_VERSION__ >= 201112L
#define CHECK(cond, msg) _Static_assert(cond, msg)
#else
#define CHECK_CAT2(a, b) a##b
#define CHECK_CAT(a, b) CHECK_CAT2(a, b)
#define CHECK(cond, msg) \
	typedef char CHECK_CAT(check_, __LINE__)[(cond) ? 1 : -1]
#endif

CHECK(sizeof(struct cmacodec_fwht_header) == 44, "header is 44 bytes");
CHECK(sizeof(struct cmacodec_fwht_header) == CMACODEC_FWHT_HEADER_SIZE,
      "CMACODEC_FWHT_HEADER_SIZE");
CHECK(offsetof(struct cmacodec_fwht_header, version) == 8, "version");
CHECK(offsetof(struct cmacodec_fwht_header, flags) == 20, "flags");
CHECK(offsetof(struct cmacodec_fwht_header, size) == 40, "size");
CHECK(CMACODEC_FWHT_VERSION == 3, "version 3");
CHECK(CMACODEC_FWHT_FL_I_FRAME == 0x400, "I_FRAME is bit 10");
CHECK(CMACODEC_FWHT_FL_PIXENC_HSV == (3u << 19), "pixenc field");
CHECK(CMACODEC_FWHT_FL_COMPONENTS_NUM_MSK == 0x70000, "components field");
CHECK(CMACODEC_FWHT_FL_ALPHA_IS_UNCOMPRESSED == 0x200, "alpha raw bit");

int cmacodec_uapi_check(void);
int cmacodec_uapi_check(void)
{
	struct cmacodec_fwht_header h = { CMACODEC_FWHT_MAGIC1,
					  CMACODEC_FWHT_MAGIC2, 0, 0, 0, 0,
					  0, 0, 0, 0, 0 };

	return (int)h.magic1;
}
