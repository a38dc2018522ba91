import { type Address, getAddress } from 'viem'

/**
 * Address poisoning: an attacker sends dust from an address whose first and last characters match one the
 * user really uses, hoping it is copied from history. Same 4+4 ends with a different middle is the tell.
 */
export function findLookalike(recipient: Address, previous: readonly Address[]): Address | undefined {
  const r = recipient.toLowerCase()
  for (const p of previous) {
    const q = p.toLowerCase()
    if (q === r) continue
    if (q.slice(2, 6) === r.slice(2, 6) && q.slice(-4) === r.slice(-4)) return getAddress(p)
  }
  return undefined
}

export type DiffSegment = { text: string; differs: boolean }

/** Splits `address` into runs that match `other` character by character (case-insensitive) or differ. */
export function diffSegments(address: string, other: string): DiffSegment[] {
  const segments: DiffSegment[] = []
  for (let i = 0; i < address.length; i++) {
    const ch = address[i] ?? ''
    const differs = ch.toLowerCase() !== (other[i] ?? '').toLowerCase()
    const last = segments[segments.length - 1]
    if (last && last.differs === differs) last.text += ch
    else segments.push({ text: ch, differs })
  }
  return segments
}
