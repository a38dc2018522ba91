import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { $ZodType } from 'zod/v4/core'
import { chainSchema, runtimeConfigInputSchema } from '../../../../src/core/config/schema'

const doc = readFileSync(join(import.meta.dirname, '../../../../docs/config.md'), 'utf8')

/** The table's rows: `key` → the rest of the row. */
function documentedRows(): Map<string, string> {
  const rows = new Map<string, string>()
  for (const line of doc.split('\n')) {
    const match = /^\| `([^`]+)` \|(.*)\|$/.exec(line)
    if (match) rows.set(match[1]!, match[2]!)
  }
  return rows
}

type Def = { type: string; innerType?: $ZodType; element?: $ZodType; shape?: Record<string, $ZodType> }
const defOf = (s: $ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def

/** Through optional, nullable, default and array wrappers; `[]` marks an array. */
function unwrap(schema: $ZodType): { inner: $ZodType; array: boolean } {
  let inner = schema
  let array = false
  for (;;) {
    const def = defOf(inner)
    if (def.innerType) inner = def.innerType
    else if (def.type === 'array' && def.element) {
      array = true
      inner = def.element
    } else return { inner, array }
  }
}

const shapeOf = (s: $ZodType) => defOf(s).shape

/** Every key config.json may hold, as the table names it (`chains[].rpc[]`), with its nested object keys. */
function schemaKeys(): Map<string, string[]> {
  const keys = new Map<string, string[]>()
  for (const key of Object.keys(shapeOf(runtimeConfigInputSchema) ?? {}))
    keys.set(key === 'chains' ? 'chains[]' : key, [])
  for (const [key, value] of Object.entries(shapeOf(chainSchema) ?? {})) {
    const { inner, array } = unwrap(value)
    keys.set(`chains[].${key}${array ? '[]' : ''}`, Object.keys(shapeOf(inner) ?? {}))
  }
  return keys
}

describe('docs/config.md', () => {
  it('lists every key the schema accepts, with the keys of each nested object, and nothing else', () => {
    const rows = documentedRows()
    const keys = schemaKeys()
    expect([...rows.keys()].sort()).toEqual([...keys.keys()].sort())
    for (const [key, nested] of keys) {
      const row = rows.get(key) ?? ''
      const named = new Set(
        [...row.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.match(/[A-Za-z0-9]+/g) ?? []),
      )
      expect(
        nested.filter((n) => !named.has(n)),
        `keys the row of ${key} does not name`,
      ).toEqual([])
    }
  })
})
