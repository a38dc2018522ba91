import { describe, expect, it } from 'vitest'
import { aboutDuration, relativeTime, shortAddress, shortHash } from '../../../../src/core/format/time'

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
