import { type Address, getAddress, isAddress } from 'viem'
import { z } from 'zod'
import type { AssetKey, Flows } from './flows'

/**
 * The stored forms of an outcome preview (before signing) and an outcome check (after inclusion). Both live on
 * the activity record, so they are bounded (a hostile contract can emit thousands of logs) and validated.
 */
const address = z
  .string()
  .refine((v) => isAddress(v, { strict: false }), 'not an address')
  .transform((v) => getAddress(v))
const uint = z.string().regex(/^\d{1,80}$/, 'not an unsigned integer')
const signed = z.string().regex(/^-?\d{1,80}$/, 'not an integer')
const assetKey = z.union([z.literal('native'), address]) as z.ZodType<AssetKey>

/** At most this many entries per list; more are counted in `omitted`. */
export const maxEntries = 24

export const tokenInfoSchema = z.object({
  address,
  symbol: z.string().min(1).max(32).optional(),
  decimals: z.number().int().min(0).max(36).optional(),
  /** On the chain's token list; otherwise its symbol is only what the token says about itself. */
  listed: z.boolean().optional(),
  /** Unlisted, but its symbol is a listed token's: a look-alike. */
  lookAlike: z.boolean().optional(),
})
export type TokenInfo = z.infer<typeof tokenInfoSchema>

const amountEntry = z.object({ asset: assetKey, amount: signed })
const receiveEntry = z.object({
  to: address,
  asset: assetKey,
  amount: signed,
  /** Native figures after inclusion come from balances: other transactions in that block also touched it. */
  shared: z.boolean().optional(),
})
const approvalEntry = z.object({ token: address, spender: address, amount: uint })
/** A recipient that gets a different amount than the calls ask for (a fee-on-transfer token…). */
const gapEntry = z.object({ to: address, asset: assetKey, asked: uint, receives: signed })

export const effectsSchema = z.object({
  /** The sender's net change per asset; native WITHOUT the transaction fee. */
  sender: z.array(amountEntry).max(maxEntries),
  receives: z.array(receiveEntry).max(maxEntries),
  approvals: z.array(approvalEntry).max(maxEntries),
  gaps: z.array(gapEntry).max(maxEntries),
  tokens: z.array(tokenInfoSchema).max(maxEntries),
  omitted: z.number().int().nonnegative().optional(),
})
export type Effects = z.infer<typeof effectsSchema>

export const previewSchema = effectsSchema.extend({
  version: z.literal(1),
  /** `simulated`: eth_simulateV1 of all calls in order; `limited`: eth_call of each call alone. */
  method: z.enum(['simulated', 'limited']),
  at: z.number().int().nonnegative(),
  /** The block the calls were simulated on (state after it). */
  block: uint,
  endpoint: z.string().max(200),
  calls: z.number().int().min(1).max(50),
  ok: z.boolean(),
  /** The first call that fails; `alone` when it was checked on its own (limited preview). */
  revert: z
    .object({ step: z.number().int().min(0).max(49), reason: z.string().max(300), alone: z.boolean() })
    .optional(),
  /** Gas limit × max fee per gas: the most the transaction(s) can cost in fees. */
  maxGasFee: uint.optional(),
  /** Limited preview: calls whose effects their calldata cannot tell (contract calls other than ERC-20). */
  opaque: z.number().int().min(0).max(50).optional(),
})
export type Preview = z.infer<typeof previewSchema>

export const differenceSchema = z.object({
  kind: z.enum(['status', 'sender', 'receives', 'approval', 'fee']),
  asset: assetKey.optional(),
  /** The recipient (receives), or the spender (approval). */
  who: address.optional(),
  /** An amount (base units, signed), or `success`/`failure` for `status`. Absent: no such entry on that side. */
  previewed: z.string().max(81).optional(),
  actual: z.string().max(81).optional(),
})
export type Difference = z.infer<typeof differenceSchema>

export const outcomeCheckSchema = effectsSchema.extend({
  version: z.literal(1),
  at: z.number().int().nonnegative(),
  /** The (last) block the transaction(s) were included in, and its time in seconds. */
  block: uint,
  blockTime: z.number().int().nonnegative(),
  hashes: z
    .array(z.string().regex(/^0x[0-9a-fA-F]{64}$/))
    .min(1)
    .max(50),
  success: z.boolean(),
  /** Fees paid, wei. */
  fee: uint,
  /** `partly-checked`: nothing differs among what could be compared, but `unchecked` effects could not be. */
  verdict: z.enum(['as-previewed', 'differs', 'partly-checked', 'no-preview']),
  differences: z.array(differenceSchema).max(maxEntries * 2),
  /** Differences past the stored ones, and effects that could not be compared (the preview kept only part). */
  moreDifferences: z.number().int().positive().optional(),
  unchecked: z.number().int().positive().optional(),
  /** The inclusion block's hash (absent on checks stored before issue 22), and who else has that block. */
  blockHash: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/)
    .optional(),
  blockWitness: z
    .object({ kind: z.enum(['confirmed', 'one-endpoint']), endpoint: z.string().max(120).optional() })
    .optional(),
  /** How figures were measured where that matters (other transactions of the sender in the same block…). */
  notes: z.array(z.string().max(300)).max(8),
})
export type OutcomeCheck = z.infer<typeof outcomeCheckSchema>

/** Flows as stored: sorted (native first), bounded. */
export function effectsOf(
  flows: Pick<Flows, 'sender' | 'receives' | 'approvals'>,
  gaps: Effects['gaps'],
  tokens: readonly TokenInfo[],
): Effects {
  return boundEffects(allEffectsOf(flows, gaps, tokens))
}

/** Every effect, sorted and unbounded: what the outcome check compares before anything is cut for storage. */
export function allEffectsOf(
  flows: Pick<Flows, 'sender' | 'receives' | 'approvals'>,
  gaps: Effects['gaps'],
  tokens: readonly TokenInfo[],
): Effects {
  const sender = [...flows.sender].map(([asset, amount]) => ({ asset, amount: amount.toString() }))
  const receives = [...flows.receives].flatMap(([to, net]) =>
    [...net].map(([asset, amount]) => ({ to, asset, amount: amount.toString() })),
  )
  const approvals = [...flows.approvals.values()].map((a) => ({ ...a, amount: a.amount.toString() }))
  const used = new Set<string>([
    ...sender.map((e) => e.asset),
    ...receives.map((e) => e.asset),
    ...approvals.map((a) => a.token),
    ...gaps.map((g) => g.asset),
  ])
  const lists = {
    sender: sender.sort(byAsset),
    receives: receives.sort(byAsset),
    approvals,
    gaps,
    tokens: tokens.filter((t) => used.has(t.address)),
  }
  return lists
}

/** At most `maxEntries` per list; the rest counted in `omitted`. */
export function boundEffects(effects: Effects): Effects {
  const lists = { ...effects }
  let omitted = effects.omitted ?? 0
  for (const key of ['sender', 'receives', 'approvals', 'gaps', 'tokens'] as const) {
    const list = lists[key] as unknown[]
    if (list.length > maxEntries) omitted += list.length - maxEntries
    ;(lists as unknown as Record<string, unknown[]>)[key] = list.slice(0, maxEntries)
  }
  return omitted > 0 ? { ...lists, omitted } : lists
}

function byAsset(a: { asset: AssetKey }, b: { asset: AssetKey }) {
  if (a.asset === b.asset) return 0
  if (a.asset === 'native') return -1
  if (b.asset === 'native') return 1
  return a.asset < b.asset ? -1 : 1
}

export const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

export function tokenOf(effects: Pick<Effects, 'tokens'>, asset: Address): TokenInfo | undefined {
  return effects.tokens.find((t) => sameAddress(t.address, asset))
}
