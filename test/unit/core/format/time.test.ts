import { describe, expect, it } from 'vitest'
import {
  aboutDuration,
  byDay,
  dayHeading,
  relativeTime,
  shortAddress,
  shortHash,
} from '../../../../src/core/format/time'

const now = Date.UTC(2026, 10, 30, 12, 0, 0)

describe('relative times', () => {
  it('reads like speech up to a week, then a date', () => {
    expect(relativeTime(now - 2_000, now, 'en-US')).toBe('just now')
    expect(relativeTime(now - 12_000, now, 'en-US')).toBe('12 seconds ago')
    expect(relativeTime(now - 3 * 60_000 - 59_000, now, 'en-US')).toBe('3 minutes ago')
    expect(relativeTime(now - 2 * 3_600_000, now, 'en-US')).toBe('2 hours ago')
    expect(relativeTime(now - 86_400_000, now, 'en-US')).toBe('yesterday')
    expect(relativeTime(now - 3 * 86_400_000, now, 'en-US')).toBe('3 days ago')
    expect(relativeTime(now - 30 * 86_400_000, now, 'en-US')).toBe('Oct 31, 2026')
  })
})

describe('short forms', () => {
  it('keep the first and last hex digits', () => {
    expect(shortAddress('0x1234567890abcdef1234567890abcdef12345678')).toBe('0x1234…5678')
    expect(shortHash(`0x${'ab'.repeat(32)}`)).toBe('0xabababab…abab')
  })
  it('say durations roughly', () => {
    expect(aboutDuration(24.4)).toBe('about 24 s')
    expect(aboutDuration(300)).toBe('about 5 min')
    expect(aboutDuration(-3)).toBe('about 0 s')
  })
})

describe('day headings (local time)', () => {
  const noon = new Date(2026, 11, 7, 12, 0).getTime()
  const at = (day: number, hour: number, year = 2026) => new Date(year, 11, day, hour, 30).getTime()

  it('reads "Today", "Yesterday", then the date, with the year only when it is not this year', () => {
    expect(dayHeading(at(7, 0), noon, 'en-US')).toBe('Today')
    expect(dayHeading(at(6, 23), noon, 'en-US')).toBe('Yesterday')
    expect(dayHeading(at(5, 1), noon, 'en-US')).toBe('Saturday, December 5')
    expect(dayHeading(at(31, 9, 2025), noon, 'en-US')).toBe('Wednesday, December 31, 2025')
  })

  it('follows calendar days, not 24-hour spans: 00:10 is "Yesterday" at 23:50 the day after', () => {
    const late = new Date(2026, 11, 7, 23, 50).getTime()
    expect(dayHeading(new Date(2026, 11, 6, 0, 10).getTime(), late, 'en-US')).toBe('Yesterday')
    expect(dayHeading(new Date(2026, 11, 7, 0, 5).getTime(), new Date(2026, 11, 7, 0, 6).getTime())).toBe(
      'Today',
    )
  })

  it('puts items in time order into one run per day, keeping their order', () => {
    const items = [at(7, 11), at(7, 9), at(6, 20), at(3, 8), at(3, 7)]
    const days = byDay(items, (t) => t, noon, 'en-US')
    expect(days.map((d) => [d.heading, d.items])).toEqual([
      ['Today', [at(7, 11), at(7, 9)]],
      ['Yesterday', [at(6, 20)]],
      ['Thursday, December 3', [at(3, 8), at(3, 7)]],
    ])
  })
})
