import { type AbiFunction, type AbiParameter, getAddress, isAddress, isHex, parseAbiItem, size } from 'viem'

export type ParsedFragment = { ok: true; fn: AbiFunction } | { ok: false; error: string }

/** Parses a human-readable fragment such as `function deposit(uint256 amount)`; only functions are callable. */
export function parseFunctionFragment(text: string): ParsedFragment {
  const source = text.trim()
  if (!source) return { ok: false, error: 'Enter a function, e.g. function deposit(uint256 amount).' }
  const withKeyword = source.startsWith('function ') ? source : `function ${source}`
  let item: ReturnType<typeof parseAbiItem>
  try {
    item = parseAbiItem(withKeyword)
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : ''
    return { ok: false, error: `Not a valid function signature${reason ? `: ${reason}` : ''}.` }
  }
  if (item.type !== 'function') return { ok: false, error: 'Only a function can be called.' }
  for (const input of item.inputs) {
    const problem = unsupportedType(input)
    if (problem) return { ok: false, error: problem }
  }
  return { ok: true, fn: item }
}

function unsupportedType(param: AbiParameter): string | undefined {
  if (param.type.startsWith('tuple')) return 'Struct (tuple) arguments are not supported here.'
  return undefined
}

export type ParsedArg = { ok: true; value: unknown } | { ok: false; error: string }

const intPattern = /^(u?)int(\d*)$/
const bytesPattern = /^bytes(\d+)$/
const arrayPattern = /^(.*)\[(\d*)\]$/

/** Parses one argument typed by the user into the value viem encodes, with an error naming the rule broken. */
export function parseAbiArgument(type: string, text: string): ParsedArg {
  const array = arrayPattern.exec(type)
  if (array) return parseArray(array[1] ?? '', array[2] ?? '', text)
  const raw = text.trim()
  const int = intPattern.exec(type)
  if (int) return parseInteger(int[1] === 'u', Number(int[2] || 256), raw)
  if (type === 'address') {
    if (!isAddress(raw, { strict: false }))
      return { ok: false, error: 'Not an address (0x + 40 hex digits).' }
    if (raw !== raw.toLowerCase() && raw.slice(2) !== raw.slice(2).toUpperCase() && !isAddress(raw))
      return { ok: false, error: 'The address checksum is wrong: check for a typo.' }
    return { ok: true, value: getAddress(raw) }
  }
  if (type === 'bool') {
    if (raw === 'true') return { ok: true, value: true }
    if (raw === 'false') return { ok: true, value: false }
    return { ok: false, error: 'Enter true or false.' }
  }
  if (type === 'string') return { ok: true, value: text }
  if (type === 'bytes') {
    if (!isHex(raw, { strict: true }) || raw.length % 2 !== 0)
      return { ok: false, error: 'Enter bytes as 0x-prefixed hex with an even number of digits.' }
    return { ok: true, value: raw }
  }
  const fixed = bytesPattern.exec(type)
  if (fixed) {
    const n = Number(fixed[1])
    if (!isHex(raw, { strict: true }) || raw.length % 2 !== 0 || size(raw as `0x${string}`) !== n)
      return { ok: false, error: `Enter exactly ${n} bytes as 0x-prefixed hex (${2 * n} hex digits).` }
    return { ok: true, value: raw }
  }
  return { ok: false, error: `The type ${type} is not supported here.` }
}

function parseInteger(unsigned: boolean, bits: number, raw: string): ParsedArg {
  if (!/^-?\d+$/.test(raw)) return { ok: false, error: 'Enter a whole number in decimal digits.' }
  const value = BigInt(raw)
  const min = unsigned ? 0n : -(1n << BigInt(bits - 1))
  const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n
  if (value < min || value > max)
    return {
      ok: false,
      error: `Out of range for ${unsigned ? 'u' : ''}int${bits}: must be ${min} to ${max}.`,
    }
  return { ok: true, value }
}

/** Arrays are written as JSON arrays: numbers and addresses may be quoted or not, e.g. [1, "2"]. */
function parseArray(inner: string, length: string, text: string): ParsedArg {
  let items: unknown
  try {
    // Large integers lose precision as JSON numbers: quote bare numbers before parsing.
    items = JSON.parse(text.trim().replace(/(?<=[[,]\s*)(-?\d+)(?=\s*[,\]])/g, '"$1"'))
  } catch {
    return { ok: false, error: 'Enter a list in brackets, e.g. [1, 2, 3].' }
  }
  return parseArrayItems(inner, length, items)
}

/** Nested lists are walked as parsed values: re-serialising a deeply nested item would overflow the stack. */
function parseArrayItems(inner: string, length: string, items: unknown): ParsedArg {
  if (!Array.isArray(items)) return { ok: false, error: 'Enter a list in brackets, e.g. [1, 2, 3].' }
  if (length && items.length !== Number(length))
    return { ok: false, error: `The list must have exactly ${length} items.` }
  const nested = arrayPattern.exec(inner)
  const values: unknown[] = []
  for (const [i, item] of items.entries()) {
    const parsed = nested
      ? parseArrayItems(nested[1] ?? '', nested[2] ?? '', item)
      : typeof item === 'object' && item !== null
        ? ({ ok: false, error: 'Expected a single value, not a list or object.' } as const)
        : parseAbiArgument(inner, typeof item === 'string' ? item : String(item))
    if (!parsed.ok) return { ok: false, error: `Item ${i + 1}: ${parsed.error}` }
    values.push(parsed.value)
  }
  return { ok: true, value: values }
}
