// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec emulated FWHT codec core: register bank, job sequencing,
 * DMA, interrupt and watchdog model.
 *
 * A job goes through these states (all transitions under hw->lock):
 *
 *   IDLE --START--> RUNNING --engine done--> COMPLETING --irq timer--> IDLE
 *                      |                         ^
 *                      +--watchdog expired-------+
 *
 * RUNNING:    the engine work (on hw->wq) reads the job registers, maps the
 *             bus addresses, runs the codec and records the result.  It
 *             holds hw->engine_lock for as long as it touches memory.
 * COMPLETING: the result is known; hw->irq_timer fires when the modelled
 *             processing time has passed, commits the result to the
 *             registers and calls the interrupt handler (hard irq).
 * watchdog:   if a job is still RUNNING watchdog_ms after the engine
 *             picked it up, the watchdog waits until the engine no longer
 *             touches memory (hw->engine_lock), then completes the job
 *             with ERROR | WATCHDOG.  A stalled engine (fault injection)
 *             thus fails its job instead of hanging it.  Time the job
 *             spends waiting for the host to schedule the engine work
 *             does not count: real hardware starts at once.
 *
 * A reset bumps the job number; an engine or watchdog that finds a job
 * number other than the one it started with drops its result.
 * cmacodec_hw_reset() additionally waits until nothing of the old job runs.
 */
#include <linux/device.h>
#include <linux/dma-direct.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "cmacodec-hw.h"
#include "cmacodec-hw-priv.h"

#define CMACODEC_HW_NREGS	(CMACODEC_REG_BANK_SIZE / 4)

/* Shortest time between START and the completion interrupt */
#define CMACODEC_HW_MIN_LATENCY_NS	(20 * NSEC_PER_USEC)

enum cmacodec_hw_state {
	CMACODEC_HW_IDLE,
	CMACODEC_HW_RUNNING,
	CMACODEC_HW_COMPLETING,
};

/**
 * struct cmacodec_hw - one emulated codec core
 * @dev:          the device doing DMA; bus addresses are its DMA addresses
 * @cfg:          static configuration
 * @lock:         protects @regs, @state, @job, @result, @started and the
 *                fault fields; taken with interrupts disabled
 * @regs:         register bank
 * @state:        job state, see the state diagram at the top of this file
 * @seq:          number of the last started (or reset) job
 * @job:          registers latched at START
 * @result:       result waiting for @irq_timer to commit it
 * @started:      time of the last START
 * @picked:       the engine has picked up the running job
 * @picked_at:    when it did
 * @model_ns:     modelled duration of the running job
 * @handler:      interrupt handler
 * @priv:         argument of @handler
 * @wq:           workqueue running @run_work and @watchdog
 * @run_work:     the processing engine
 * @watchdog:     fails a job that does not finish in time
 * @irq_timer:    delivers the completion interrupt
 * @engine_lock:  held while the engine accesses memory
 * @engine:       codec engine state (scratch memory of the core)
 * @fault_stall:  number of next jobs to stall
 * @fault_error:  number of next jobs to fail
 * @fault_delay_us: maximum random extra delay per job
 */
struct cmacodec_hw {
	struct device *dev;
	struct cmacodec_hw_config cfg;

	/* register bank and job state; see the comment at the top */
	spinlock_t lock;
	u32 regs[CMACODEC_HW_NREGS];
	enum cmacodec_hw_state state;
	u32 seq;
	struct cmacodec_hw_job job;
	struct cmacodec_hw_result result;
	ktime_t started;
	bool picked;
	ktime_t picked_at;
	u64 model_ns;

	cmacodec_hw_irq_handler_t handler;
	void *priv;

	struct workqueue_struct *wq;
	struct work_struct run_work;
	struct delayed_work watchdog;
	struct hrtimer irq_timer;

	/* held while the engine touches job memory */
	struct mutex engine_lock;
	struct cmacodec_hw_engine *engine;

	u32 fault_stall;
	u32 fault_error;
	u32 fault_delay_us;
};

static inline u32 cmacodec_hw_reg(const struct cmacodec_hw *hw, u32 reg)
{
	return hw->regs[reg / 4];
}

static inline u64 cmacodec_hw_reg64(const struct cmacodec_hw *hw, u32 reg_lo)
{
	return ((u64)cmacodec_hw_reg(hw, reg_lo + 4) << 32) |
	       cmacodec_hw_reg(hw, reg_lo);
}

/* plane @n of the SRC/DST/REFPIC plane group at @p1 */
static void cmacodec_hw_latch_plane(const struct cmacodec_hw *hw, u32 p1,
				    unsigned int n, u64 *addr, u32 *size)
{
	*addr = cmacodec_hw_reg64(hw, CMACODEC_REG_PLANE_ADDR_LO(p1, n));
	*size = cmacodec_hw_reg(hw, CMACODEC_REG_PLANE_SIZE(p1, n));
}

/* Called with hw->lock held: move the job to COMPLETING in @delay_ns. */
static void cmacodec_hw_complete_locked(struct cmacodec_hw *hw,
					const struct cmacodec_hw_result *res,
					u64 delay_ns)
{
	hw->result = *res;
	hw->state = CMACODEC_HW_COMPLETING;
	hrtimer_start(&hw->irq_timer, ns_to_ktime(delay_ns), HRTIMER_MODE_REL);
}

/**
 * cmacodec_hw_map() - map a bus address range for the engine
 * @hw:   the core
 * @bus:  bus (DMA) address
 * @size: length in bytes
 * @err:  set to CMACODEC_ERR_BUS_FAULT on failure
 *
 * Models the core's DMA master: a bus address is translated back to the
 * physical address the DMA API's direct mapping assigned to it, and must
 * lie inside the device's DMA mask and inside system RAM.
 *
 * Return: a kernel mapping (to be released with memunmap()), or NULL.
 */
static void *cmacodec_hw_map(struct cmacodec_hw *hw, u64 bus, u32 size,
			     u32 *err)
{
	u64 mask = dma_get_mask(hw->dev);
	phys_addr_t phys;
	void *va;

	if (!bus || !size || bus + size - 1 < bus || bus + size - 1 > mask)
		goto fault;

	phys = dma_to_phys(hw->dev, (dma_addr_t)bus);
	if (region_intersects(phys, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_INTERSECTS)
		goto fault;

	va = memremap(phys, size, MEMREMAP_WB);
	if (va)
		return va;
fault:
	dev_dbg(hw->dev, "%s: bus fault at %#llx+%#x\n", hw->cfg.name,
		bus, size);
	*err = CMACODEC_ERR_BUS_FAULT;
	return NULL;
}

/* at most SRC, DST and REFPIC in three colour planes each, and REF */
#define CMACODEC_HW_MAX_MAPS	(3 * CMACODEC_HW_PLANES + 1)

/**
 * struct cmacodec_hw_mapper - the mappings of one job, to undo them
 * @va: every mapping made
 * @n:  number of them
 */
struct cmacodec_hw_mapper {
	void *va[CMACODEC_HW_MAX_MAPS];
	unsigned int n;
};

static u8 *cmacodec_hw_map_rec(struct cmacodec_hw *hw,
			       struct cmacodec_hw_mapper *mp, u64 bus,
			       u32 size, u32 *err)
{
	void *va = cmacodec_hw_map(hw, bus, size, err);

	if (va)
		mp->va[mp->n++] = va;
	return va;
}

/*
 * Map a raw picture: plane 0 at @bus, with @mplane also the planes at
 * @pl_bus (those with a size: the format decides how many the engine
 * uses).  Return: 0, or -1 with *@err set.
 */
static int cmacodec_hw_map_pic(struct cmacodec_hw *hw,
			       struct cmacodec_hw_mapper *mp, u8 **va,
			       u32 *va_size, u64 bus, u32 size,
			       const u64 *pl_bus, const u32 *pl_size,
			       bool mplane, u32 *err)
{
	unsigned int p;

	va[0] = cmacodec_hw_map_rec(hw, mp, bus, size, err);
	if (!va[0])
		return -1;
	va_size[0] = size;
	if (!mplane)
		return 0;
	for (p = 1; p < CMACODEC_HW_PLANES; p++) {
		if (!pl_size[p - 1])
			continue;
		va[p] = cmacodec_hw_map_rec(hw, mp, pl_bus[p - 1],
					    pl_size[p - 1], err);
		if (!va[p])
			return -1;
		va_size[p] = pl_size[p - 1];
	}
	return 0;
}

/* Map the job's buffers, run the codec, unmap. */
static void cmacodec_hw_execute(struct cmacodec_hw *hw,
				const struct cmacodec_hw_job *job,
				struct cmacodec_hw_result *res)
{
	bool dst_mplane = job->ctrl & CMACODEC_CTRL_DST_MPLANE;
	struct cmacodec_hw_mapper mp = { .n = 0 };
	struct cmacodec_hw_maps m = { };
	u32 err;

	memset(res, 0, sizeof(*res));
	err = cmacodec_hw_engine_check(job, hw->cfg.max_width,
				       hw->cfg.max_height);
	if (err)
		goto out;

	if (cmacodec_hw_map_pic(hw, &mp, m.src, m.src_size, job->src,
				job->src_size, job->src_pl, job->src_pl_size,
				job->ctrl & CMACODEC_CTRL_SRC_MPLANE, &err) ||
	    cmacodec_hw_map_pic(hw, &mp, m.dst, m.dst_size, job->dst,
				job->dst_size, job->dst_pl, job->dst_pl_size,
				dst_mplane, &err))
		goto unmap;
	/* a conversion has no reference picture */
	if (!(job->ctrl & CMACODEC_CTRL_CONVERT)) {
		m.ref = cmacodec_hw_map_rec(hw, &mp, job->ref, job->ref_size,
					    &err);
		if (!m.ref)
			goto unmap;
	}
	if (cmacodec_hw_job_has_refpic(job) &&
	    cmacodec_hw_map_pic(hw, &mp, m.refpic, m.refpic_size,
				job->refpic, job->refpic_size, job->refpic_pl,
				job->refpic_pl_size, dst_mplane, &err))
		goto unmap;

	cmacodec_hw_engine_run(hw->engine, job, &m, res);
unmap:
	while (mp.n)
		memunmap(mp.va[--mp.n]);
out:
	if (err) {
		res->irq = CMACODEC_IRQ_ERROR;
		res->error = err;
	}
}

static void cmacodec_hw_run_work(struct work_struct *work)
{
	struct cmacodec_hw *hw = container_of(work, struct cmacodec_hw,
					      run_work);
	struct cmacodec_hw_result res = { };
	struct cmacodec_hw_job job;
	bool stall, fail;
	u64 model_ns, elapsed;
	ktime_t started;

	mutex_lock(&hw->engine_lock);

	spin_lock_irq(&hw->lock);
	if (hw->state != CMACODEC_HW_RUNNING) {
		spin_unlock_irq(&hw->lock);
		goto out;
	}
	job = hw->job;
	started = hw->started;
	model_ns = hw->model_ns;
	hw->picked = true;
	hw->picked_at = ktime_get();
	stall = hw->fault_stall;
	if (stall)
		hw->fault_stall--;
	fail = !stall && hw->fault_error;
	if (fail)
		hw->fault_error--;
	spin_unlock_irq(&hw->lock);

	if (stall) {
		/* A hung core: no completion; the watchdog will fire. */
		dev_dbg(hw->dev, "%s: job %u stalls (injected)\n",
			hw->cfg.name, job.seq);
		goto out;
	}

	if (fail) {
		res.irq = CMACODEC_IRQ_ERROR;
		res.error = CMACODEC_ERR_INJECTED;
	} else {
		cmacodec_hw_execute(hw, &job, &res);
	}

	elapsed = ktime_to_ns(ktime_sub(ktime_get(), started));

	spin_lock_irq(&hw->lock);
	if (hw->state == CMACODEC_HW_RUNNING && hw->job.seq == job.seq)
		cmacodec_hw_complete_locked(hw, &res,
					    model_ns > elapsed ?
					    model_ns - elapsed : 0);
	spin_unlock_irq(&hw->lock);
out:
	mutex_unlock(&hw->engine_lock);
}

static void cmacodec_hw_watchdog_work(struct work_struct *work)
{
	struct cmacodec_hw *hw = container_of(to_delayed_work(work),
					      struct cmacodec_hw, watchdog);
	static const struct cmacodec_hw_result timeout = {
		.irq = CMACODEC_IRQ_ERROR | CMACODEC_IRQ_WATCHDOG,
		.error = CMACODEC_ERR_TIMEOUT,
	};
	s64 elapsed;
	u32 seq;

	spin_lock_irq(&hw->lock);
	if (hw->state != CMACODEC_HW_RUNNING) {
		spin_unlock_irq(&hw->lock);
		return;
	}
	/* the engine work has not even started: give it its full time */
	if (!hw->picked) {
		mod_delayed_work(hw->wq, &hw->watchdog,
				 msecs_to_jiffies(hw->cfg.watchdog_ms));
		spin_unlock_irq(&hw->lock);
		return;
	}
	/*
	 * Too early (the engine picked the job up late, or this instance
	 * was already running when the job it was armed for completed and
	 * the next one started): wait for the rest of the job's time.
	 */
	elapsed = ktime_ms_delta(ktime_get(), hw->picked_at);
	if (elapsed < hw->cfg.watchdog_ms) {
		mod_delayed_work(hw->wq, &hw->watchdog,
				 msecs_to_jiffies(hw->cfg.watchdog_ms - elapsed));
		spin_unlock_irq(&hw->lock);
		return;
	}
	seq = hw->job.seq;
	spin_unlock_irq(&hw->lock);

	/* Make sure the engine no longer touches the job's memory. */
	mutex_lock(&hw->engine_lock);
	spin_lock_irq(&hw->lock);
	if (hw->state == CMACODEC_HW_RUNNING && hw->job.seq == seq) {
		dev_dbg(hw->dev, "%s: watchdog expired on job %u\n",
			hw->cfg.name, seq);
		cmacodec_hw_complete_locked(hw, &timeout, 0);
	}
	spin_unlock_irq(&hw->lock);
	mutex_unlock(&hw->engine_lock);
}

static enum hrtimer_restart cmacodec_hw_irq_timer(struct hrtimer *t)
{
	struct cmacodec_hw *hw = container_of(t, struct cmacodec_hw,
					      irq_timer);
	cmacodec_hw_irq_handler_t handler;
	unsigned long flags;
	void *priv;
	u32 pending;

	spin_lock_irqsave(&hw->lock, flags);
	if (hw->state != CMACODEC_HW_COMPLETING) {
		spin_unlock_irqrestore(&hw->lock, flags);
		return HRTIMER_NORESTART;
	}
	hw->state = CMACODEC_HW_IDLE;
	hw->regs[CMACODEC_REG_STATUS / 4] &= ~CMACODEC_STATUS_BUSY;
	hw->regs[CMACODEC_REG_ERROR_CODE / 4] = hw->result.error;
	hw->regs[CMACODEC_REG_RESULT_LEN / 4] = hw->result.len;
	hw->regs[CMACODEC_REG_RESULT_FLAGS / 4] = hw->result.flags;
	hw->regs[CMACODEC_REG_CYCLES_US / 4] =
		div_u64(ktime_to_ns(ktime_sub(ktime_get(), hw->started)),
			NSEC_PER_USEC);
	hw->regs[CMACODEC_REG_JOB_COUNT / 4]++;
	hw->regs[CMACODEC_REG_IRQ_STATUS / 4] |=
		hw->result.irq ? hw->result.irq : CMACODEC_IRQ_DONE;
	pending = cmacodec_hw_reg(hw, CMACODEC_REG_IRQ_STATUS) &
		  cmacodec_hw_reg(hw, CMACODEC_REG_IRQ_MASK);
	handler = hw->handler;
	priv = hw->priv;
	spin_unlock_irqrestore(&hw->lock, flags);

	/* The watchdog re-checks the state, a non-sync cancel is enough. */
	cancel_delayed_work(&hw->watchdog);

	if (pending && handler)
		handler(hw, priv);
	return HRTIMER_NORESTART;
}

/* Called with hw->lock held. */
static void cmacodec_hw_start_locked(struct cmacodec_hw *hw)
{
	struct cmacodec_hw_job *job = &hw->job;
	u32 pic, coded, extra_us = 0;
	unsigned int i;
	u64 pixels;

	if (hw->state != CMACODEC_HW_IDLE) {
		dev_dbg(hw->dev, "%s: START while busy ignored\n",
			hw->cfg.name);
		return;
	}

	pic = cmacodec_hw_reg(hw, CMACODEC_REG_PIC_SIZE);
	coded = cmacodec_hw_reg(hw, CMACODEC_REG_CODED_SIZE);
	memset(job, 0, sizeof(*job));
	job->seq = ++hw->seq;
	job->ctrl = cmacodec_hw_reg(hw, CMACODEC_REG_CTRL);
	job->fourcc = cmacodec_hw_reg(hw, CMACODEC_REG_FOURCC);
	job->pic_w = CMACODEC_SIZE_W(pic);
	job->pic_h = CMACODEC_SIZE_H(pic);
	job->coded_w = CMACODEC_SIZE_W(coded);
	job->coded_h = CMACODEC_SIZE_H(coded);
	job->bytesperline = cmacodec_hw_reg(hw, CMACODEC_REG_BYTESPERLINE);
	job->qp = cmacodec_hw_reg(hw, CMACODEC_REG_QP);
	job->colorimetry = cmacodec_hw_reg(hw, CMACODEC_REG_COLORIMETRY);
	job->src = cmacodec_hw_reg64(hw, CMACODEC_REG_SRC_ADDR_LO);
	job->dst = cmacodec_hw_reg64(hw, CMACODEC_REG_DST_ADDR_LO);
	job->ref = cmacodec_hw_reg64(hw, CMACODEC_REG_REF_ADDR_LO);
	job->src_size = cmacodec_hw_reg(hw, CMACODEC_REG_SRC_SIZE);
	job->dst_size = cmacodec_hw_reg(hw, CMACODEC_REG_DST_SIZE);
	job->ref_size = cmacodec_hw_reg(hw, CMACODEC_REG_REF_SIZE);
	pic = cmacodec_hw_reg(hw, CMACODEC_REG_DST_PIC_SIZE);
	job->dst_fourcc = cmacodec_hw_reg(hw, CMACODEC_REG_DST_FOURCC);
	job->dst_w = CMACODEC_SIZE_W(pic);
	job->dst_h = CMACODEC_SIZE_H(pic);
	job->dst_bytesperline = cmacodec_hw_reg(hw,
						CMACODEC_REG_DST_BYTESPERLINE);
	job->dst_colorimetry = cmacodec_hw_reg(hw,
					       CMACODEC_REG_DST_COLORIMETRY);
	job->hdr_version = cmacodec_hw_reg(hw, CMACODEC_REG_HDR_VERSION);
	job->hdr_flags = cmacodec_hw_reg(hw, CMACODEC_REG_HDR_FLAGS);
	job->refpic = cmacodec_hw_reg64(hw, CMACODEC_REG_REFPIC_ADDR_LO);
	job->refpic_size = cmacodec_hw_reg(hw, CMACODEC_REG_REFPIC_SIZE);
	for (i = 1; i < CMACODEC_HW_PLANES; i++) {
		cmacodec_hw_latch_plane(hw, CMACODEC_REG_SRC_P1_ADDR_LO, i,
					&job->src_pl[i - 1],
					&job->src_pl_size[i - 1]);
		cmacodec_hw_latch_plane(hw, CMACODEC_REG_DST_P1_ADDR_LO, i,
					&job->dst_pl[i - 1],
					&job->dst_pl_size[i - 1]);
		cmacodec_hw_latch_plane(hw, CMACODEC_REG_REFPIC_P1_ADDR_LO, i,
					&job->refpic_pl[i - 1],
					&job->refpic_pl_size[i - 1]);
	}
	/* a core ignores the bits of what it cannot do, as hardware would */
	if (!(hw->cfg.caps & CMACODEC_CAPS_CONVERT))
		job->ctrl &= ~CMACODEC_CTRL_CONVERT;
	if (!(hw->cfg.caps & CMACODEC_CAPS_STATELESS))
		job->ctrl &= ~(CMACODEC_CTRL_STATELESS | CMACODEC_CTRL_REF_PIC);
	if (!(hw->cfg.caps & CMACODEC_CAPS_MPLANE))
		job->ctrl &= ~(CMACODEC_CTRL_SRC_MPLANE |
			       CMACODEC_CTRL_DST_MPLANE);

	hw->regs[CMACODEC_REG_STATUS / 4] |= CMACODEC_STATUS_BUSY;
	hw->regs[CMACODEC_REG_ERROR_CODE / 4] = CMACODEC_ERR_NONE;
	hw->regs[CMACODEC_REG_RESULT_LEN / 4] = 0;
	hw->regs[CMACODEC_REG_RESULT_FLAGS / 4] = 0;

	if (hw->fault_delay_us)
		extra_us = get_random_u32() % (hw->fault_delay_us + 1);
	/* a conversion takes as long as the larger of its two pictures */
	pixels = (u64)job->coded_w * job->coded_h;
	if (job->ctrl & CMACODEC_CTRL_CONVERT)
		pixels = max_t(u64, pixels, (u64)job->dst_w * job->dst_h);
	hw->model_ns = pixels * hw->cfg.ns_per_pixel +
		       (u64)extra_us * NSEC_PER_USEC;
	hw->model_ns = max_t(u64, hw->model_ns, CMACODEC_HW_MIN_LATENCY_NS);
	hw->started = ktime_get();
	hw->picked = false;
	hw->state = CMACODEC_HW_RUNNING;

	queue_work(hw->wq, &hw->run_work);
	mod_delayed_work(hw->wq, &hw->watchdog,
			 msecs_to_jiffies(hw->cfg.watchdog_ms));
}

/* Called with hw->lock held: abandon the current job, clear status. */
static void cmacodec_hw_reset_locked(struct cmacodec_hw *hw)
{
	hw->seq++;
	hw->state = CMACODEC_HW_IDLE;
	hw->job.seq = 0;
	/* A running callback sees IDLE and does nothing. */
	hrtimer_try_to_cancel(&hw->irq_timer);
	cancel_delayed_work(&hw->watchdog);
	hw->regs[CMACODEC_REG_STATUS / 4] = 0;
	hw->regs[CMACODEC_REG_IRQ_STATUS / 4] = 0;
	hw->regs[CMACODEC_REG_ERROR_CODE / 4] = 0;
	hw->regs[CMACODEC_REG_RESULT_LEN / 4] = 0;
	hw->regs[CMACODEC_REG_RESULT_FLAGS / 4] = 0;
	hw->regs[CMACODEC_REG_JOB_COUNT / 4] = 0;
}

/**
 * cmacodec_hw_read() - read a register
 * @hw:  the core
 * @reg: register offset (CMACODEC_REG_*)
 *
 * Any context.
 *
 * Return: the register value; all ones for an offset outside the bank,
 * as a bus would return.
 */
u32 cmacodec_hw_read(struct cmacodec_hw *hw, u32 reg)
{
	unsigned long flags;
	u32 val, coded;

	if (reg >= CMACODEC_REG_BANK_SIZE || reg % 4)
		return ~0U;

	spin_lock_irqsave(&hw->lock, flags);
	switch (reg) {
	case CMACODEC_REG_START:
	case CMACODEC_REG_RESET:
		val = 0;
		break;
	case CMACODEC_REG_REF_SIZE_REQ:
	case CMACODEC_REG_DST_SIZE_REQ:
		coded = cmacodec_hw_reg(hw, CMACODEC_REG_CODED_SIZE);
		val = (reg == CMACODEC_REG_REF_SIZE_REQ ?
		       cmacodec_hw_engine_ref_size : cmacodec_hw_engine_dst_size)
			(cmacodec_hw_reg(hw, CMACODEC_REG_FOURCC),
			 CMACODEC_SIZE_W(coded), CMACODEC_SIZE_H(coded));
		break;
	default:
		val = cmacodec_hw_reg(hw, reg);
		break;
	}
	spin_unlock_irqrestore(&hw->lock, flags);
	return val;
}

/**
 * cmacodec_hw_write() - write a register
 * @hw:  the core
 * @reg: register offset (CMACODEC_REG_*)
 * @val: value
 *
 * Any context.  Writes to read-only registers or outside the bank are
 * ignored.
 */
void cmacodec_hw_write(struct cmacodec_hw *hw, u32 reg, u32 val)
{
	unsigned long flags;

	if (reg >= CMACODEC_REG_BANK_SIZE || reg % 4)
		return;

	spin_lock_irqsave(&hw->lock, flags);
	switch (reg) {
	case CMACODEC_REG_ID:
	case CMACODEC_REG_CAPS:
	case CMACODEC_REG_MAX_SIZE:
	case CMACODEC_REG_STATUS:
	case CMACODEC_REG_ERROR_CODE:
	case CMACODEC_REG_RESULT_LEN:
	case CMACODEC_REG_RESULT_FLAGS:
	case CMACODEC_REG_CYCLES_US:
	case CMACODEC_REG_JOB_COUNT:
	case CMACODEC_REG_REF_SIZE_REQ:
	case CMACODEC_REG_DST_SIZE_REQ:
		break;
	case CMACODEC_REG_IRQ_STATUS:
		hw->regs[reg / 4] &= ~val;
		break;
	case CMACODEC_REG_IRQ_MASK:
		hw->regs[reg / 4] = val & CMACODEC_IRQ_ALL;
		break;
	case CMACODEC_REG_START:
		if (val & CMACODEC_REG_START_GO)
			cmacodec_hw_start_locked(hw);
		break;
	case CMACODEC_REG_RESET:
		if (val & CMACODEC_REG_RESET_GO)
			cmacodec_hw_reset_locked(hw);
		break;
	default:
		hw->regs[reg / 4] = val;
		break;
	}
	spin_unlock_irqrestore(&hw->lock, flags);
}

/**
 * cmacodec_hw_reset() - reset the core and wait until it is quiescent
 * @hw: the core
 *
 * Like writing RESET_GO, and additionally waits until the engine no longer
 * touches memory of an abandoned job, so that its buffers may be freed.
 * May sleep; not from the interrupt handler.
 */
void cmacodec_hw_reset(struct cmacodec_hw *hw)
{
	cmacodec_hw_write(hw, CMACODEC_REG_RESET, CMACODEC_REG_RESET_GO);
	flush_work(&hw->run_work);
	cancel_delayed_work_sync(&hw->watchdog);
	hrtimer_cancel(&hw->irq_timer);
	/* an engine run that started before the reset has finished now */
	mutex_lock(&hw->engine_lock);
	mutex_unlock(&hw->engine_lock);
}

/**
 * cmacodec_hw_inject_fault() - make the core misbehave (for testing)
 * @hw:    the core
 * @fault: what to inject
 * @arg:   number of jobs to affect (STALL, ERROR), or maximum extra delay
 *         in microseconds (DELAY)
 */
void cmacodec_hw_inject_fault(struct cmacodec_hw *hw,
			      enum cmacodec_hw_fault fault, u32 arg)
{
	unsigned long flags;

	spin_lock_irqsave(&hw->lock, flags);
	switch (fault) {
	case CMACODEC_HW_FAULT_STALL:
		hw->fault_stall = arg;
		break;
	case CMACODEC_HW_FAULT_ERROR:
		hw->fault_error = arg;
		break;
	case CMACODEC_HW_FAULT_DELAY:
		hw->fault_delay_us = arg;
		break;
	}
	spin_unlock_irqrestore(&hw->lock, flags);
}

static void cmacodec_hw_timer_init(struct cmacodec_hw *hw)
{
#ifdef CMACODEC_HAVE_HRTIMER_SETUP
	hrtimer_setup(&hw->irq_timer, cmacodec_hw_irq_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL);
#else
	hrtimer_init(&hw->irq_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hw->irq_timer.function = cmacodec_hw_irq_timer;
#endif
}

/**
 * cmacodec_hw_create() - power up an emulated core
 * @dev:     device whose DMA addresses the core uses as bus addresses
 * @cfg:     static configuration (copied)
 * @handler: interrupt handler, see &cmacodec_hw_irq_handler_t
 * @priv:    argument for @handler
 *
 * Return: the core, or an ERR_PTR().
 */
struct cmacodec_hw *cmacodec_hw_create(struct device *dev,
				       const struct cmacodec_hw_config *cfg,
				       cmacodec_hw_irq_handler_t handler,
				       void *priv)
{
	struct cmacodec_hw *hw;
	int ret;

	if (!dev || !cfg || !cfg->name || !cfg->watchdog_ms ||
	    !cfg->max_width || !cfg->max_height ||
	    cfg->max_width > 0xffff || cfg->max_height > 0xffff)
		return ERR_PTR(-EINVAL);

	hw = kzalloc(sizeof(*hw), GFP_KERNEL);
	if (!hw)
		return ERR_PTR(-ENOMEM);

	hw->dev = dev;
	hw->cfg = *cfg;
	hw->handler = handler;
	hw->priv = priv;
	spin_lock_init(&hw->lock);
	mutex_init(&hw->engine_lock);
	INIT_WORK(&hw->run_work, cmacodec_hw_run_work);
	INIT_DELAYED_WORK(&hw->watchdog, cmacodec_hw_watchdog_work);
	cmacodec_hw_timer_init(hw);

	hw->regs[CMACODEC_REG_ID / 4] = CMACODEC_HW_ID_VALUE;
	hw->regs[CMACODEC_REG_CAPS / 4] = cfg->caps;
	hw->regs[CMACODEC_REG_MAX_SIZE / 4] =
		CMACODEC_SIZE(cfg->max_width, cfg->max_height);

	hw->engine = cmacodec_hw_engine_create();
	if (!hw->engine) {
		ret = -ENOMEM;
		goto err_free;
	}

	/* the watchdog must be able to run while the engine is busy */
	hw->wq = alloc_workqueue("%s", WQ_UNBOUND, 2, cfg->name);
	if (!hw->wq) {
		ret = -ENOMEM;
		goto err_engine;
	}
	return hw;

err_engine:
	cmacodec_hw_engine_destroy(hw->engine);
err_free:
	mutex_destroy(&hw->engine_lock);
	kfree(hw);
	return ERR_PTR(ret);
}

/**
 * cmacodec_hw_destroy() - power down a core
 * @hw: the core, may be NULL or an ERR_PTR()
 *
 * Abandons a running job without an interrupt.  May sleep.
 */
void cmacodec_hw_destroy(struct cmacodec_hw *hw)
{
	unsigned long flags;

	if (IS_ERR_OR_NULL(hw))
		return;

	spin_lock_irqsave(&hw->lock, flags);
	hw->handler = NULL;
	spin_unlock_irqrestore(&hw->lock, flags);

	cmacodec_hw_reset(hw);
	destroy_workqueue(hw->wq);
	cmacodec_hw_engine_destroy(hw->engine);
	mutex_destroy(&hw->engine_lock);
	kfree(hw);
}
