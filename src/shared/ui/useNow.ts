import { useEffect, useState } from 'react'

/** The current time, ticking every `ms` while `active` (for ages like "last read 12 s ago"). */
export function useNow(active: boolean, ms = 1_000): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    if (!active) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [active, ms])
  return now
}
