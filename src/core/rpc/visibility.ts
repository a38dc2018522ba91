type VisibilityTarget = {
  readonly visibilityState: string
  addEventListener: (type: 'visibilitychange', fn: () => void) => void
  removeEventListener: (type: 'visibilitychange', fn: () => void) => void
}

/** Calls `onHiddenLong` once the page has been hidden for `hiddenMs`, `onVisible` when it comes back after that. */
export function watchVisibility(
  target: VisibilityTarget,
  handlers: { onHiddenLong: () => void; onVisible: () => void },
  hiddenMs = 60_000,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let paused = false
  const onChange = () => {
    if (target.visibilityState === 'hidden') {
      if (!timer && !paused)
        timer = setTimeout(() => {
          timer = undefined
          paused = true
          handlers.onHiddenLong()
        }, hiddenMs)
      return
    }
    if (timer) clearTimeout(timer)
    timer = undefined
    if (paused) {
      paused = false
      handlers.onVisible()
    }
  }
  target.addEventListener('visibilitychange', onChange)
  return () => {
    target.removeEventListener('visibilitychange', onChange)
    if (timer) clearTimeout(timer)
  }
}
