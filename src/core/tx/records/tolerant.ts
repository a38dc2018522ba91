import { z } from 'zod'

/** A value another tab (or a newer Hush) may have written: kept as it is, never a reason to drop a record. */
export const tolerant = <T extends string>(known: readonly [T, ...T[]]) =>
  z.union([z.enum(known), z.string().min(1).max(40)]) as unknown as z.ZodType<T | (string & {})>
