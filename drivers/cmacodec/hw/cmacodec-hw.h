/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec emulated FWHT codec core: interface to the "bus".
 *
 * This is everything a driver sees of the core: a register bank
 * (cmacodec-hw-regs.h) reached through cmacodec_hw_read()/cmacodec_hw_write()
 * and an interrupt line, modelled by a callback.  The model knows nothing
 * about V4L2; it only follows the register contract.
 */
#ifndef CMACODEC_HW_H
#define CMACODEC_HW_H

#include <linux/types.h>

#include "cmacodec-hw-regs.h"

struct device;
struct cmacodec_hw;

/**
 * typedef cmacodec_hw_irq_handler_t - interrupt handler of a core
 * @hw:   the core raising the interrupt
 * @priv: the pointer given to cmacodec_hw_create()
 *
 * Called in hard interrupt context (from an hrtimer), with interrupts
 * disabled, whenever the core sets an IRQ_STATUS bit that is enabled in
 * IRQ_MASK.  The handler must acknowledge by writing IRQ_STATUS back.
 * It must not sleep and must not call cmacodec_hw_reset() or
 * cmacodec_hw_destroy().
 */
typedef void (*cmacodec_hw_irq_handler_t)(struct cmacodec_hw *hw, void *priv);

/**
 * enum cmacodec_hw_fault - faults that can be injected into a core
 * @CMACODEC_HW_FAULT_STALL: the next job never completes; the watchdog
 *	fails it with IRQ_STATUS.ERROR | IRQ_STATUS.WATCHDOG
 * @CMACODEC_HW_FAULT_ERROR: the next job fails with ERROR_CODE_INJECTED
 *	without touching memory
 * @CMACODEC_HW_FAULT_DELAY: every job takes up to an extra random delay
 *	(the argument, in microseconds; 0 disables)
 */
enum cmacodec_hw_fault {
	CMACODEC_HW_FAULT_STALL,
	CMACODEC_HW_FAULT_ERROR,
	CMACODEC_HW_FAULT_DELAY,
};

/**
 * struct cmacodec_hw_config - static configuration of a core
 * @name:        name used for the core's workqueue and messages
 * @caps:        CMACODEC_CAPS_* bits the core reports in CAPS
 * @max_width:   largest picture width the core accepts
 * @max_height:  largest picture height the core accepts
 * @ns_per_pixel: modelled processing time per coded pixel, in ns
 * @watchdog_ms: time after START at which an unfinished job is failed
 */
struct cmacodec_hw_config {
	const char *name;
	u32 caps;
	u32 max_width;
	u32 max_height;
	u32 ns_per_pixel;
	u32 watchdog_ms;
};

struct cmacodec_hw *cmacodec_hw_create(struct device *dev,
				       const struct cmacodec_hw_config *cfg,
				       cmacodec_hw_irq_handler_t handler,
				       void *priv);
void cmacodec_hw_destroy(struct cmacodec_hw *hw);

u32 cmacodec_hw_read(struct cmacodec_hw *hw, u32 reg);
void cmacodec_hw_write(struct cmacodec_hw *hw, u32 reg, u32 val);
void cmacodec_hw_reset(struct cmacodec_hw *hw);

/**
 * cmacodec_hw_write_addr() - program a LO/HI address register pair
 * @hw:     the core
 * @reg_lo: the *_ADDR_LO register; *_ADDR_HI follows it
 * @addr:   bus address
 */
static inline void cmacodec_hw_write_addr(struct cmacodec_hw *hw, u32 reg_lo,
					  u64 addr)
{
	cmacodec_hw_write(hw, reg_lo, (u32)addr);
	cmacodec_hw_write(hw, reg_lo + 4, (u32)(addr >> 32));
}

void cmacodec_hw_inject_fault(struct cmacodec_hw *hw,
			      enum cmacodec_hw_fault fault, u32 arg);

#endif /* CMACODEC_HW_H */
