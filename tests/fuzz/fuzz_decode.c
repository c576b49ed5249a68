// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the FWHT decoder.
 *
 * Input: one selector byte, then a compressed stream.  A stream with a
 * valid header is decoded into a raw format picked by the selector (a
 * compatible one, or any one to exercise the mismatch checks), twice, so
 * the second pass runs with a valid reference (P-frame paths), then as
 * a stateless decoder does it: a fresh context, the reference loaded from
 * the picture (selector bit 0x20), the header apart from the payload.
 * All buffers are exact-size heap allocations so ASan sees any overrun.
 */
#include <stdlib.h>
#include "cmacodec-fwht.h"

#define FUZZ_MAX_PIXELS (256 * 256)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static const struct cmacodec_pixfmt *
fuzz_pick_format(const struct cmacodec_fwht_stream_info *info, u8 sel)
{
	unsigned int n = 0;

	if (sel & 0x80)
		return cmacodec_pixfmt_get(sel % cmacodec_pixfmt_count());
	while (cmacodec_pixfmt_find_compatible(info->components,
					       info->width_div,
					       info->height_div, info->pixenc,
					       n))
		n++;
	return cmacodec_pixfmt_find_compatible(info->components,
					       info->width_div,
					       info->height_div, info->pixenc,
					       sel % n);
}

static void fuzz_decode(const struct cmacodec_pixfmt *fmt, u32 w, u32 h,
			const u8 *stream, u32 len, u8 sel)
{
	struct cmacodec_fwht_dec dec;
	struct cmacodec_fwht_raw raw = { 0 };
	u32 ref_size = cmacodec_fwht_ref_size(fmt->fourcc, w, h);
	u32 cw = cmacodec_pixfmt_coded_width(fmt, w);
	u32 ch = cmacodec_pixfmt_coded_height(fmt, h);
	u8 *ref = malloc(ref_size ? ref_size : 1);
	u8 *copy = malloc(len ? len : 1);
	int pass;

	raw.bytesperline = cmacodec_pixfmt_bytesperline(fmt, cw);
	raw.coded_height = ch;
	raw.size = cmacodec_pixfmt_sizeimage(fmt, raw.bytesperline, ch);
	raw.buf = calloc(1, raw.size);
	if (!ref || !copy || !raw.buf)
		goto out;
	memcpy(copy, stream, len);
	if (cmacodec_fwht_dec_init(&dec, fmt->fourcc, w, h, ref, ref_size))
		goto out;
	for (pass = 0; pass < 2; pass++) {
		struct cmacodec_fwht_stream_info info;
		int ret = cmacodec_fwht_decode(&dec, copy, len,
					       (sel & 0x40) ? NULL : &raw,
					       &info);

		if (ret > 0 && (u32)ret > len)
			abort();	/* consumed more than it was given */
	}
	if (len >= CMACODEC_FWHT_HEADER_SIZE &&
	    !cmacodec_fwht_dec_init(&dec, fmt->fourcc, w, h, ref, ref_size)) {
		int ret;

		if ((sel & 0x20) && cmacodec_fwht_dec_set_ref(&dec, &raw))
			abort();	/* the picture has the right layout */
		ret = cmacodec_fwht_decode_payload(&dec, copy,
						   copy + CMACODEC_FWHT_HEADER_SIZE,
						   len - CMACODEC_FWHT_HEADER_SIZE,
						   &raw, NULL);
		if (ret > 0 && (u32)ret > len - CMACODEC_FWHT_HEADER_SIZE)
			abort();
	}
out:
	free(raw.buf);
	free(copy);
	free(ref);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct cmacodec_fwht_stream_info info;
	const u8 *stream = data + 1;
	u32 len;
	u8 sel;

	if (size < 1 || size > (1u << 24))
		return 0;
	sel = data[0];
	len = (u32)(size - 1);
	if (cmacodec_fwht_parse_header(stream, len, &info) ||
	    (u64)info.width * info.height > FUZZ_MAX_PIXELS) {
		/* still run the early checks of a configured decoder */
		fuzz_decode(cmacodec_pixfmt_get(sel % cmacodec_pixfmt_count()),
			    64, 48, stream, len, sel);
		return 0;
	}
	fuzz_decode(fuzz_pick_format(&info, sel), info.width, info.height,
		    stream, len, sel);
	return 0;
}
