/** "just now", "12 seconds ago", "3 minutes ago", "yesterday", "3 days ago"; a date after a week. */
export function relativeTime(then: number, now: number, locale?: string): string {
  const seconds = Math.round((then - now) / 1000)
  const abs = Math.abs(seconds)
  if (abs < 5) return 'just now'
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  if (abs < 60) return rtf.format(seconds, 'second')
  if (abs < 3_600) return rtf.format(Math.trunc(seconds / 60), 'minute')
  if (abs < 86_400) return rtf.format(Math.trunc(seconds / 3_600), 'hour')
  if (abs < 7 * 86_400) return rtf.format(Math.trunc(seconds / 86_400), 'day')
  return new Date(then).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' })
}

/** A time of day with seconds (lifecycle steps), the date too when it is not `now`'s day. */
export function clockTime(at: number, now: number, locale?: string): string {
  const d = new Date(at)
  const sameDay = d.toDateString() === new Date(now).toDateString()
  return sameDay
    ? d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : d.toLocaleString(locale, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
}

/** "about 25 s", "about 3 min": an estimated duration. */
export function aboutDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `about ${s} s`
  return `about ${Math.round(s / 60)} min`
}

/** 0x1234…abcd: the first 4 and last 4 hex digits, the ones address poisoning imitates. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address
}

/** 0x12345678…abcd for a hash. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 10)}…${hash.slice(-4)}` : hash
}

const startOfDay = (t: number) => {
  const d = new Date(t)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}

/** A list's day heading, in local time: "Today", "Yesterday", then "Monday, December 5" (the year when not now's). */
export function dayHeading(at: number, now: number, locale?: string): string {
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000)
  if (days === 0) return 'Today'
  if (days === 1) return 'Yesterday'
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear()
  return new Date(at).toLocaleDateString(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  })
}

/** Items already in time order, in runs of one local day each, with the day's heading. */
export function byDay<T>(items: readonly T[], at: (item: T) => number, now: number, locale?: string) {
  const days: Array<{ key: number; heading: string; items: T[] }> = []
  for (const item of items) {
    const key = startOfDay(at(item))
    const last = days.at(-1)
    if (last?.key === key) last.items.push(item)
    else days.push({ key, heading: dayHeading(at(item), now, locale), items: [item] })
  }
  return days
}
