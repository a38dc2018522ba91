/**
 * The block clock's timer: one look at a time. `now()` runs a look at once, or, while one runs, asks for another
 * right after it (if `again()` then agrees); after each look the next is timed by `wait()`. Nothing runs while
 * stopped or while no one `wanted()` it.
 */
export function createLookLoop(hooks: {
  look: () => Promise<void>
  again: () => boolean
  wait: () => number
  wanted: () => boolean
}) {
  let running = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let looking: Promise<void> | undefined
  let askedDuringLook = false

  const clear = () => {
    clearTimeout(timer)
    timer = undefined
  }
  const now = () => {
    if (!running || !hooks.wanted()) return
    if (looking) {
      askedDuringLook = true
      return
    }
    clear()
    looking = hooks.look().finally(() => {
      looking = undefined
      const rerun = askedDuringLook && hooks.again()
      askedDuringLook = false
      rerun ? now() : later()
    })
  }
  /** Times the next look, unless one is timed or running (it times the next itself). */
  const later = () => {
    if (!running || timer || looking || !hooks.wanted()) return
    timer = setTimeout(() => {
      timer = undefined
      now()
    }, hooks.wait())
  }

  return {
    now,
    later,
    clear,
    idle: () => looking === undefined,
    start(): void {
      if (running) return
      running = true
      now()
    },
    stop(): void {
      running = false
      clear()
    },
  }
}
