/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmacodec: FWHT encoder and decoder (V4L2_PIX_FMT_FWHT, vicodec-compatible)
 *
 * API FROZEN: the driver builds against this
 * (changes from now on are additive only)
 *
 * The core never allocates: the caller owns the context structures, the
 * reference frame memory (cmacodec_fwht_ref_size() bytes; it may live in
 * a DMA buffer) and all input and output buffers.  It never sleeps or
 * locks; one context must not be used by two threads at once.
 *
 * Typical encoder use:
 *	cmacodec_fwht_enc_init(&enc, fourcc, w, h, ref, ref_size);
 *	for each frame:
 *		n = cmacodec_fwht_encode(&enc, &raw, &params, out, cap, &flags);
 *
 * Typical decoder use:
 *	cmacodec_fwht_parse_header(buf, len, &info);  (resolution/format)
 *	cmacodec_fwht_dec_init(&dec, fourcc, info.width, info.height,
 *			       ref, ref_size);
 *	for each frame:
 *		n = cmacodec_fwht_decode(&dec, buf, len, &raw, &info);
 *
 * All functions returning int return a negative CMACODEC_FWHT_E* value on
 * failure.
 */
#ifndef CMACODEC_FWHT_H
#define CMACODEC_FWHT_H

#include "cmacodec-codec-types.h"
#include "cmacodec-pixfmt.h"
#include "../../../uapi/linux/cmacodec.h"

/* Largest visible width/height the core accepts (encoder and decoder) */
#define CMACODEC_FWHT_MAX_WIDTH		8192
#define CMACODEC_FWHT_MAX_HEIGHT	8192

/* Largest quantisation parameter; vicodec's controls use 1..31 */
#define CMACODEC_FWHT_QP_MIN		1
#define CMACODEC_FWHT_QP_MAX		31
#define CMACODEC_FWHT_QP_DEFAULT	20

/**
 * enum cmacodec_fwht_err - error codes, returned negated
 * @CMACODEC_FWHT_OK: success (0)
 * @CMACODEC_FWHT_EINVAL: invalid argument from the caller
 * @CMACODEC_FWHT_EFOURCC: raw format not in the catalogue
 * @CMACODEC_FWHT_ENOSPC: output buffer (or reference memory) too small
 * @CMACODEC_FWHT_ETRUNC: input shorter than the header or than the
 *	header's size field says
 * @CMACODEC_FWHT_EMAGIC: bad magic bytes
 * @CMACODEC_FWHT_EVERSION: unsupported header version
 * @CMACODEC_FWHT_ESIZE: width or height zero or above the maximum
 * @CMACODEC_FWHT_EFLAGS: invalid component count or pixel encoding
 * @CMACODEC_FWHT_EFORMAT: stream does not match the raw format asked for
 * @CMACODEC_FWHT_ERESOLUTION: stream size differs from the configured one
 * @CMACODEC_FWHT_ECORRUPT: payload malformed (runs past its end)
 * @CMACODEC_FWHT_ENOREF: P-frame but no valid reference frame
 * @CMACODEC_FWHT_ERR_COUNT: number of codes (not an error)
 */
enum cmacodec_fwht_err {
	CMACODEC_FWHT_OK = 0,
	CMACODEC_FWHT_EINVAL,
	CMACODEC_FWHT_EFOURCC,
	CMACODEC_FWHT_ENOSPC,
	CMACODEC_FWHT_ETRUNC,
	CMACODEC_FWHT_EMAGIC,
	CMACODEC_FWHT_EVERSION,
	CMACODEC_FWHT_ESIZE,
	CMACODEC_FWHT_EFLAGS,
	CMACODEC_FWHT_EFORMAT,
	CMACODEC_FWHT_ERESOLUTION,
	CMACODEC_FWHT_ECORRUPT,
	CMACODEC_FWHT_ENOREF,
	CMACODEC_FWHT_ERR_COUNT,
};

/**
 * struct cmacodec_fwht_work - per-block scratch (kept off the stack)
 * @blk: 8x8 blocks of transform data
 * @pix: 8x8 pixel blocks
 *
 * Internal to the core; the caller only provides the memory by embedding
 * it in a context.
 */
struct cmacodec_fwht_work {
	s16 blk[4][64];
	u8 pix[2][64];
};

/**
 * struct cmacodec_fwht_raw - a raw frame in a catalogue format
 * @buf: start of the frame (single-plane layout: all colour planes
 *	contiguous, as in a V4L2 single-planar buffer)
 * @size: bytes available at @buf (or the size of @plane[0] when the
 *	per-plane pointers are used)
 * @bytesperline: bytes per row of plane 0; 0 means the minimum,
 *	coded_width * bpp
 * @coded_height: rows of plane 0 (the V4L2 format height); chroma plane
 *	offsets derive from it; 0 means the minimum for the visible height
 * @plane: optional per-colour-plane start addresses (multi-planar
 *	buffers); when @plane[0] is NULL they are derived from @buf
 * @plane_size: bytes available at each @plane
 *
 * The visible size and fourcc come from the context the frame is used
 * with.  Everything the codec touches lies inside the coded area, which
 * must be at least the minimum coded size for the visible size.
 */
struct cmacodec_fwht_raw {
	u8 *buf;
	u32 size;
	u32 bytesperline;
	u32 coded_height;
	u8 *plane[CMACODEC_MAX_PLANES];
	u32 plane_size[CMACODEC_MAX_PLANES];
};

/**
 * struct cmacodec_fwht_colorimetry - values stored in the stream header
 * @colorspace: enum v4l2_colorspace
 * @xfer_func: enum v4l2_xfer_func
 * @ycbcr_enc: enum v4l2_ycbcr_encoding
 * @quantization: enum v4l2_quantization
 */
struct cmacodec_fwht_colorimetry {
	u32 colorspace;
	u32 xfer_func;
	u32 ycbcr_enc;
	u32 quantization;
};

/**
 * struct cmacodec_fwht_enc_params - per-frame encoder parameters
 * @i_frame_qp: QP for intra-coded blocks (1..31); larger = coarser
 * @p_frame_qp: QP for inter-coded blocks (1..31)
 * @is_intra: code an I-frame (first frame of a GOP).  Forced when the
 *	encoder has no valid reference.
 * @next_is_intra: the next frame will be an I-frame, so the reference is
 *	not updated (vicodec: gop_cnt == gop_size - 1)
 * @field_flags: CMACODEC_FWHT_FL_IS_INTERLACED/BOTTOM_FIRST/ALTERNATE/
 *	BOTTOM_FIELD bits to copy into the header; other bits are ignored
 * @color: colorimetry written to the header
 */
struct cmacodec_fwht_enc_params {
	u16 i_frame_qp;
	u16 p_frame_qp;
	bool is_intra;
	bool next_is_intra;
	u32 field_flags;
	struct cmacodec_fwht_colorimetry color;
};

/**
 * struct cmacodec_fwht_enc - encoder context (caller-allocated)
 * @fmt: raw input format
 * @width: visible width
 * @height: visible height
 * @ref: reference frame memory
 * @ref_size: bytes at @ref
 * @ref_valid: @ref holds the reconstruction of the previous frame
 * @work: block scratch
 *
 * Set up with cmacodec_fwht_enc_init(); treat the fields as read-only,
 * except @ref_valid: a caller that re-initialises the context for every
 * frame over reference memory it keeps (as a hardware model does) may set
 * it after init to carry the reference over.
 */
struct cmacodec_fwht_enc {
	const struct cmacodec_pixfmt *fmt;
	u32 width;
	u32 height;
	u8 *ref;
	u32 ref_size;
	bool ref_valid;
	struct cmacodec_fwht_work work;
};

/**
 * struct cmacodec_fwht_stream_info - what a stream header says
 * @version: header version (1..3)
 * @width: visible width
 * @height: visible height
 * @flags: raw header flags (CMACODEC_FWHT_FL_*)
 * @components: number of components (1, 3 or 4; 3 for version 1)
 * @width_div: horizontal chroma subsampling (1 or 2)
 * @height_div: vertical chroma subsampling (1 or 2)
 * @pixenc: CMACODEC_PIXENC_*, 0 for version 1 streams
 * @is_intra: CMACODEC_FWHT_FL_I_FRAME is set
 * @color: colorimetry from the header
 * @payload_size: the header's size field
 * @frame_size: header + payload bytes, i.e. where the next frame starts
 */
struct cmacodec_fwht_stream_info {
	u32 version;
	u32 width;
	u32 height;
	u32 flags;
	u32 components;
	u32 width_div;
	u32 height_div;
	u32 pixenc;
	bool is_intra;
	struct cmacodec_fwht_colorimetry color;
	u32 payload_size;
	u32 frame_size;
};

/**
 * struct cmacodec_fwht_dec - decoder context (caller-allocated)
 * @fmt: raw output format
 * @width: visible width
 * @height: visible height
 * @ref: reference frame memory (holds the last decoded frame)
 * @ref_size: bytes at @ref
 * @ref_valid: @ref holds a complete decoded frame
 * @work: block scratch
 *
 * Set up with cmacodec_fwht_dec_init(); treat the fields as read-only,
 * except @ref_valid (see struct cmacodec_fwht_enc).
 */
struct cmacodec_fwht_dec {
	const struct cmacodec_pixfmt *fmt;
	u32 width;
	u32 height;
	u8 *ref;
	u32 ref_size;
	bool ref_valid;
	struct cmacodec_fwht_work work;
};

/**
 * cmacodec_fwht_strerror() - describe an error code
 * @err: a (negative) CMACODEC_FWHT_E* value, or 0
 *
 * Return: a static string; never NULL.
 */
const char *cmacodec_fwht_strerror(int err);

/**
 * cmacodec_fwht_ref_size() - reference frame memory needed
 * @fourcc: raw format
 * @width: visible width
 * @height: visible height
 *
 * The same size serves the encoder and the decoder.  It only grows with
 * the size, so memory for the largest size serves all smaller ones.
 *
 * Return: bytes, or 0 if @fourcc is unknown or a size is 0 or too large.
 */
u32 cmacodec_fwht_ref_size(u32 fourcc, u32 width, u32 height);

/**
 * cmacodec_fwht_enc_init() - set up an encoder context
 * @enc: context to initialise
 * @fourcc: raw input format (catalogue entry)
 * @width: visible width (1..CMACODEC_FWHT_MAX_WIDTH)
 * @height: visible height (1..CMACODEC_FWHT_MAX_HEIGHT)
 * @ref: reference frame memory
 * @ref_size: bytes at @ref, at least cmacodec_fwht_ref_size()
 *
 * The first frame encoded afterwards is an I-frame.
 *
 * Return: 0 or a negative error code.
 */
int cmacodec_fwht_enc_init(struct cmacodec_fwht_enc *enc, u32 fourcc,
			   u32 width, u32 height, void *ref, u32 ref_size);

/**
 * cmacodec_fwht_encode() - encode one frame
 * @enc: encoder context
 * @src: raw input frame (not modified)
 * @params: QPs, GOP position, header values
 * @out: output buffer: header + payload
 * @out_size: bytes available at @out; cmacodec_pixfmt_fwht_sizeimage() of
 *	the coded size always suffices
 * @out_flags: if not NULL, receives the header flags written (host
 *	order); CMACODEC_FWHT_FL_I_FRAME tells whether the frame came out as
 *	an I-frame (it does when every plane fell back to raw storage, and
 *	vicodec then restarts its GOP count)
 *
 * The stream is byte-identical to what vicodec produces for the same
 * input, QPs and GOP position.
 *
 * Return: bytes written to @out, or a negative error code.  On error the
 * reference is invalidated (the next frame is coded as an I-frame).
 */
int cmacodec_fwht_encode(struct cmacodec_fwht_enc *enc,
			 const struct cmacodec_fwht_raw *src,
			 const struct cmacodec_fwht_enc_params *params,
			 u8 *out, u32 out_size, u32 *out_flags);

/**
 * cmacodec_fwht_parse_header() - read and validate a stream header
 * @buf: start of a compressed frame
 * @len: bytes available at @buf
 * @info: receives the header contents
 *
 * Checks the magic, the version, the size (1..CMACODEC_FWHT_MAX_*) and
 * that the component count and pixel encoding name a catalogue format.
 * It does not require the payload to be present: compare
 * @info->frame_size with the bytes available.
 *
 * Return: 0 or a negative error code (ETRUNC if @len is less than the
 * header).
 */
int cmacodec_fwht_parse_header(const u8 *buf, u32 len,
			       struct cmacodec_fwht_stream_info *info);

/**
 * cmacodec_fwht_dec_init() - set up a decoder context
 * @dec: context to initialise
 * @fourcc: raw output format (catalogue entry)
 * @width: visible width (as parsed from the stream)
 * @height: visible height
 * @ref: reference frame memory
 * @ref_size: bytes at @ref, at least cmacodec_fwht_ref_size()
 *
 * No reference is valid afterwards: the next frame must be an I-frame.
 *
 * Return: 0 or a negative error code.
 */
int cmacodec_fwht_dec_init(struct cmacodec_fwht_dec *dec, u32 fourcc,
			   u32 width, u32 height, void *ref, u32 ref_size);

/**
 * cmacodec_fwht_decode() - decode one frame
 * @dec: decoder context
 * @buf: compressed frame (header + payload)
 * @len: bytes available at @buf (may hold more than one frame)
 * @dst: raw output frame, or NULL to only update the reference
 * @info: if not NULL, receives the header contents (filled in as far as
 *	parsing got, also on failure)
 *
 * Validates the header against @len and against the context (size and
 * format), decodes into the reference, then writes the picture to @dst.
 * Never reads outside @buf[0..@len) nor writes outside @dst and the
 * reference memory, whatever the input.
 *
 * Return: bytes consumed (the frame size), or a negative error code.
 * After a payload error the reference is invalid until the next I-frame.
 */
int cmacodec_fwht_decode(struct cmacodec_fwht_dec *dec, const u8 *buf,
			 u32 len, struct cmacodec_fwht_raw *dst,
			 struct cmacodec_fwht_stream_info *info);

/**
 * cmacodec_fwht_decode_payload() - decode a frame whose header came apart
 * @dec: decoder context
 * @hdr: CMACODEC_FWHT_HEADER_SIZE bytes of stream header; its size field
 *	is the payload size
 * @payload: the compressed payload
 * @len: bytes available at @payload
 * @dst: raw output frame, or NULL to only update the reference
 * @info: if not NULL, receives the header contents
 *
 * A stateless decoder gets the header fields from its client
 * (V4L2_CID_STATELESS_FWHT_PARAMS) and only the payload in its buffer.
 * Otherwise as cmacodec_fwht_decode().
 *
 * Return: payload bytes consumed, or a negative error code.
 */
int cmacodec_fwht_decode_payload(struct cmacodec_fwht_dec *dec,
				 const u8 *hdr, const u8 *payload, u32 len,
				 struct cmacodec_fwht_raw *dst,
				 struct cmacodec_fwht_stream_info *info);

/**
 * cmacodec_fwht_dec_set_ref() - take the reference from a decoded picture
 * @dec: decoder context
 * @pic: a raw frame decoded with this context's format and size, in the
 *	layout @dst had then (not modified)
 *
 * Stateless decoding: the reference of the next P-frame is a picture the
 * client names, not necessarily the previous one.  The decoder writes
 * every sample of the coded block area to its output, so loading it back
 * gives the reference the decoder had after that picture, and the next
 * frame decodes byte-identically to a stateful decode.
 *
 * Return: 0 (the reference is valid), or a negative error code (the
 * reference is invalid: the next frame must be an I-frame).
 */
int cmacodec_fwht_dec_set_ref(struct cmacodec_fwht_dec *dec,
			      const struct cmacodec_fwht_raw *pic);

#endif /* CMACODEC_FWHT_H */
