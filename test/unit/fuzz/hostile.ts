import fc from 'fast-check'

// A failing property prints the error it hit, not only the counterexample.
fc.configureGlobal({ includeErrorInReport: true })

/** Strings an attacker or a broken peer would send: markup, prototype keys, bidi/control chars, huge numbers. */
export const hostileConstants = [
  '',
  ' ',
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '\u0000',
  '\u0000\u202e',
  '\u202eevil\u202c',
  '\u2066\u2067\u2069',
  '\ufeff',
  '\ud800',
  '𝟏𝟐𝟑',
  '١٢٣',
  'javascript:alert(1)',
  'http://user:secret@evil.example/?key=abc',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x',
  '0x0',
  '-1',
  '1.',
  '.1',
  '1..2',
  '1,5',
  '1_000',
  ' 1 ',
  '0'.repeat(200),
  '9'.repeat(400),
  `0.${'0'.repeat(100)}1`,
  '1'.repeat(10_001),
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '0x0000000000000000000000000000000000000000',
  '0xffffffffffffffffffffffffffffffffffffffff',
  '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  '0x5FBDB2315678AFECB367F032D93F642F64180AA3',
  '0x5FbDB2315678afecb367f032d93F642f64180aA3',
  'vitalik.eth',
  'a..eth',
  '.eth',
  'xn--ls8h.eth',
  '💩.eth',
] as const

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileConstants) },
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.stringMatching(/^-?\d{0,90}(\.\d{0,50})?$/) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
)

/** Anything JSON can carry, plus values JSON cannot (undefined, bigint, functions, symbols are skipped). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, undefined, true, false, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53 + 1, -0),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.jsonValue(),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
)

/** A record whose keys are the expected ones or hostile, values anything. */
export function junkObject(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...keys), hostileString), hostileValue, { maxKeys: 8 })
}

/**
 * A human message: non-empty text, not an object dump, no `undefined`/`NaN` leaking from a template. `echoed`
 * are the inputs the message may quote back (they are removed before looking for leaks).
 */
export function isClearMessage(message: unknown, echoed: readonly string[] = []): boolean {
  if (typeof message !== 'string' || message.trim().length === 0) return false
  let own = message
  for (const e of echoed) if (e) own = own.split(e).join('')
  // zod names the type it received ("expected number, received undefined"): that is a clear message.
  own = own.replace(/received (undefined|NaN)/g, '')
  return !/\[object Object\]|\bundefined\b|\bNaN\b/.test(own)
}

/** Nothing the fuzzers feed may pollute Object.prototype. */
export function prototypeIsClean(): boolean {
  return !('polluted' in ({} as Record<string, unknown>))
}

/** JSON text of a fuzzed value as code would have stored it (bigints as strings, undefined as null). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null'
}

/** Characters no displayed text from outside may carry: C0/C1 controls and bidi overrides/isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const unsafeTextChars = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
