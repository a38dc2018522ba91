import { z } from 'zod'
import { addressSchema } from '../config/schema'

const tokenRead = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), value: z.bigint().nonnegative() }),
  z.object({ status: z.literal('error'), reason: z.string() }),
])

/** A persisted BalancesSnapshot, checked before a reload shows it (bigints already revived by the deserializer). */
export const balancesSnapshotSchema = z.object({
  chainId: z.number().int().positive(),
  owner: addressSchema,
  blockNumber: z.bigint().nonnegative(),
  timestamp: z.bigint().nonnegative().optional(),
  native: z.bigint().nonnegative(),
  tokens: z.record(addressSchema, tokenRead),
  prices: z
    .object({
      currency: z.string().regex(/^[A-Z]{3}$/),
      byAsset: z.record(
        z.string(),
        z.object({
          answer: z.bigint().positive(),
          decimals: z.number().int().min(0).max(36),
          updatedAt: z.bigint().positive(),
        }),
      ),
    })
    .optional(),
})
