/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench: deterministic natural-looking test pictures.
 */
#ifndef CMACODEC_BENCH_PICTURE_H
#define CMACODEC_BENCH_PICTURE_H

#include "testlib.h"

/*
 * Fill the whole coded area of @f with frame @t of a synthetic scene:
 * multi-octave value noise (clouds, texture), a few hard-edged moving
 * discs and a little sensor grain, seen through a camera that pans a few
 * pixels per frame.  Integer arithmetic only: the same bytes on every
 * machine.
 */
void bench_picture_fill(struct test_frame *f, unsigned int t);

#endif
