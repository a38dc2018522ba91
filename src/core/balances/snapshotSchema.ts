import { z } from 'zod/mini'
import { addressSchema } from '../config/schema'

// zod/mini: this schema is read on a first visit, before any page code (see core/config/schema.ts).
const natural = () => z.bigint().check(z.nonnegative())
const positive = () => z.bigint().check(z.positive())

const tokenRead = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), value: natural() }),
  z.object({ status: z.literal('error'), reason: z.string() }),
])

/** A persisted BalancesSnapshot, checked before a reload shows it (bigints already revived by the deserializer). */
export const balancesSnapshotSchema = z.object({
  chainId: z.int().check(z.positive()),
  owner: addressSchema,
  blockNumber: natural(),
  timestamp: z.optional(natural()),
  native: natural(),
  tokens: z.record(addressSchema, tokenRead),
  prices: z.optional(
    z.object({
      currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
      byAsset: z.record(
        z.string(),
        z.object({
          answer: positive(),
          decimals: z.int().check(z.gte(0), z.lte(36)),
          updatedAt: positive(),
        }),
      ),
    }),
  ),
})
