import { keccak256, stringToHex } from 'viem'
import { z } from 'zod/mini'
import { readStored, type StoredSchema, writeStored } from './stored'

/**
 * Stored values that decide where and how transactions go (Protect settings, added endpoints) are used only as
 * the user last confirmed them. The app's own save writes the value and its fingerprint together; a value
 * changed any other way (another program, a hand edit, a forged profile) no longer matches, is not used, and
 * is shown for confirmation. It stops edits that bypass Hush, not code running inside the page.
 */
export type Confirmed<T> = {
  /** What to use: the stored value when confirmed (or harmless), else the fallback. */
  value: T
  /** A stored value waiting for the user's confirmation, never used before it. */
  unconfirmed?: T
}

const fingerprintKey = (key: string) => `${key}.confirmed`

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export const fingerprint = (value: unknown): string => keccak256(stringToHex(canonical(value)))

/** Reads a stored value and tells whether the user confirmed it; a value equal to the fallback needs nothing. */
export function readConfirmed<T>(key: string, schema: StoredSchema<T>, fallback: T): Confirmed<T> {
  const stored = readStored(key, schema, fallback)
  const print = fingerprint(stored)
  if (print === fingerprint(fallback)) return { value: stored }
  const confirmed = readStored(fingerprintKey(key), fingerprintSchema, null)
  return confirmed === print ? { value: stored } : { value: fallback, unconfirmed: stored }
}

/** The app's own save (the user chose this value): writes it with its fingerprint. */
export function writeConfirmed(key: string, value: unknown): void {
  writeStored(key, value)
  writeStored(fingerprintKey(key), fingerprint(value))
}

// zod/mini: read on a first visit (the endpoint settings), before any page code.
const fingerprintSchema = z.nullable(z.string().check(z.regex(/^0x[0-9a-f]{64}$/)))
