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
