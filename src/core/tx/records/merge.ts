/**
 * Merging activity lists written by several tabs. Records are matched by id; of two versions of one record the
 * later `updatedAt` wins (a tie keeps the stored one, so two tabs never write back and forth). Items of any
 * shape are carried through as they are: a record this version cannot read may come from a newer Hush.
 */
type Item = { id: string; createdAt?: unknown; updatedAt?: unknown }

/** A stored item's id, whatever its shape (an unreadable record is still matched by it). */
export function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('id' in value))
    return undefined
  return typeof value.id === 'string' && value.id.length > 0 ? value.id : undefined
}

function asItem(value: unknown): Item | undefined {
  // Checked above: an object with a non-empty string id; its other fields stay as stored.
  return idOf(value) === undefined ? undefined : (value as Item)
}

const stamp = (item: Item): number => {
  const t = typeof item.updatedAt === 'number' ? item.updatedAt : item.createdAt
  return typeof t === 'number' && Number.isFinite(t) ? t : 0
}
const created = (item: Item): number =>
  typeof item.createdAt === 'number' && Number.isFinite(item.createdAt) ? item.createdAt : 0

export type MergeOptions = {
  /** At most this many records are kept; the oldest finished ones go first, open ones never. */
  max: number
  isOpen: (item: unknown) => boolean
}

/** The union of what storage holds and what this tab holds. `changed`: the result differs from storage. */
export function mergeRecordLists(
  stored: readonly unknown[],
  memory: readonly object[],
  options: MergeOptions,
): { list: unknown[]; changed: boolean } {
  let changed = false
  const byId = new Map<string, Item>()
  for (const value of stored) {
    const item = asItem(value)
    if (!item || byId.has(item.id)) {
      // Not a record at all (or a duplicate id): nothing to keep.
      changed = true
      continue
    }
    byId.set(item.id, item)
  }
  for (const value of memory) {
    const item = asItem(value)
    if (!item) continue
    const current = byId.get(item.id)
    if (!current || stamp(item) > stamp(current)) {
      byId.set(item.id, item)
      changed = true
    }
  }
  const list = [...byId.values()].sort((a, b) => created(b) - created(a))
  return { list: trim(list, options), changed: changed || list.length > options.max }
}

function trim(list: Item[], options: MergeOptions): Item[] {
  if (list.length <= options.max) return list
  const kept: Item[] = []
  let room = options.max - list.filter((i) => options.isOpen(i)).length
  for (const item of list) {
    if (options.isOpen(item)) kept.push(item)
    else if (room > 0) {
      kept.push(item)
      room--
    }
  }
  return kept
}
