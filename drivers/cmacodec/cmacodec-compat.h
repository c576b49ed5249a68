/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec: differences between the kernel APIs of the supported kernels
 * (6.1, 6.12, 7.3).
 *
 * The CMACODEC_HAVE_* symbols come from header probes in Kbuild, which test
 * for the feature rather than a version number, so that stable and vendor
 * backports are handled too.  The kernel versions in the comments are
 * where the change appeared upstream, for orientation only.
 */
#ifndef CMACODEC_COMPAT_H
#define CMACODEC_COMPAT_H

#include <linux/fs.h>
#include <media/v4l2-fh.h>
#include <media/v4l2-mem2mem.h>
#include <media/videobuf2-v4l2.h>

/*
 * vb2_ops.wait_prepare/wait_finish: needed until vb2 learnt to drop
 * vb2_queue.lock itself while waiting (6.15), then removed.
 */
#ifdef CMACODEC_HAVE_VB2_WAIT_PREPARE
#define CMACODEC_VB2_WAIT_OPS \
	.wait_prepare = vb2_ops_wait_prepare, \
	.wait_finish = vb2_ops_wait_finish,
#else
#define CMACODEC_VB2_WAIT_OPS
#endif

/* v4l2_fh_add()/v4l2_fh_del() take the file and set private_data (6.18) */
static inline void cmacodec_fh_add(struct v4l2_fh *fh, struct file *file)
{
#ifdef CMACODEC_HAVE_FH_ADD_FILE
	v4l2_fh_add(fh, file);
#else
	file->private_data = fh;
	v4l2_fh_add(fh);
#endif
}

static inline void cmacodec_fh_del(struct v4l2_fh *fh, struct file *file)
{
#ifdef CMACODEC_HAVE_FH_ADD_FILE
	v4l2_fh_del(fh, file);
#else
	v4l2_fh_del(fh);
	file->private_data = NULL;
#endif
}

/* file_to_v4l2_fh() (6.18) */
static inline struct v4l2_fh *cmacodec_file_to_fh(struct file *file)
{
#ifdef CMACODEC_HAVE_FILE_TO_V4L2_FH
	return file_to_v4l2_fh(file);
#else
	return file->private_data;
#endif
}

/* v4l2_m2m_buf_copy_metadata() lost its copy_frame_flags argument (6.17) */
static inline void cmacodec_copy_metadata(const struct vb2_v4l2_buffer *src,
					  struct vb2_v4l2_buffer *dst)
{
#ifdef CMACODEC_HAVE_COPY_FRAME_FLAGS
	v4l2_m2m_buf_copy_metadata(src, dst, false);
#else
	v4l2_m2m_buf_copy_metadata(src, dst);
#endif
}

/* VIDIOC_REMOVE_BUFS (6.10) */
#ifdef CMACODEC_HAVE_REMOVE_BUFS
#define CMACODEC_IOCTL_REMOVE_BUFS \
	.vidioc_remove_bufs = v4l2_m2m_ioctl_remove_bufs,
#else
#define CMACODEC_IOCTL_REMOVE_BUFS
#endif

/* the buffer and streaming ioctls every node leaves to mem2mem */
#define CMACODEC_M2M_BUF_IOCTL_OPS \
	.vidioc_reqbufs = v4l2_m2m_ioctl_reqbufs, \
	.vidioc_querybuf = v4l2_m2m_ioctl_querybuf, \
	.vidioc_qbuf = v4l2_m2m_ioctl_qbuf, \
	.vidioc_dqbuf = v4l2_m2m_ioctl_dqbuf, \
	.vidioc_prepare_buf = v4l2_m2m_ioctl_prepare_buf, \
	.vidioc_create_bufs = v4l2_m2m_ioctl_create_bufs, \
	.vidioc_expbuf = v4l2_m2m_ioctl_expbuf, \
	CMACODEC_IOCTL_REMOVE_BUFS \
	.vidioc_streamon = v4l2_m2m_ioctl_streamon, \
	.vidioc_streamoff = v4l2_m2m_ioctl_streamoff,

/*
 * platform_driver.remove returns void (6.11); .remove_new is the void
 * variant on the kernels that still have it.
 */
#ifdef CMACODEC_HAVE_REMOVE_NEW
#define CMACODEC_PLATFORM_REMOVE(fn)	.remove_new = (fn)
#else
#define CMACODEC_PLATFORM_REMOVE(fn)	.remove = (fn)
#endif

#endif /* CMACODEC_COMPAT_H */
