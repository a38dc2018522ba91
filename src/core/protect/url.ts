import { getAddress, isAddress } from 'viem'
import { z } from 'zod'

/** The hint names Protect's URL parser accepts (rpc-endpoint `allowedHints`). */
export const protectHints = [
  'hash',
  'contract_address',
  'function_selector',
  'logs',
  'calldata',
  'default_logs',
  'tx_hash',
  'full',
] as const
export type ProtectHint = (typeof protectHints)[number]

/** Protect always sends to Flashbots' own builder, so it is never a choice and never put in the URL. */
export const alwaysIncludedBuilder = 'flashbots'
/** Builder names from the public builder registry a user may add (besides Flashbots). */
export const knownBuilders = ['Titan', 'beaverbuild.org', 'rsync'] as const

/** Protect's default retry window, in blocks; `blockRange` replaces it. */
export const defaultBlockRange = 25
/** Hush's own bounds (the server takes any whole number ≥ 0; see README): 0 would mean "default". */
export const blockRangeBounds = { min: 1, max: 1000 } as const
/** One slot is 12 s: a longer hold-back only delays every transaction by a whole slot. */
export const auctionTimeoutBounds = { min: 1, max: 12_000 } as const

export const useMempoolWarning =
  'With "use the public mempool" on, Protect may broadcast your transaction publicly (if the next proposer does not run MEV-Boost, or after 25 blocks): it gives up privacy.'
export const fastModeBuildersNote = 'Fast mode sends to every builder, so the builder choice is ignored.'

const unique = <T>(values: T[]) => new Set(values).size === values.length

function wholeNumber(unit: string, { min, max }: { min: number; max: number }) {
  const message = `a whole number of ${unit} from ${min} to ${max.toLocaleString('en-US')}`
  return z.number({ message }).int(message).min(min, message).max(max, message)
}

const refundSchema = z.object({
  address: z
    .string()
    .trim()
    .refine((v) => isAddress(v, { strict: true }), { message: 'not a valid address (or wrong checksum)' })
    .transform((v) => getAddress(v)),
  percent: z
    .number({ message: 'must be a whole number from 1 to 99' })
    .int('must be a whole number from 1 to 99')
    .min(1, 'must be at least 1')
    .max(99, 'must be at most 99'),
})

export const protectSettingsSchema = z.object({
  /** `/fast`: every registered builder, recommended by the Flashbots docs. */
  fast: z.boolean().default(true),
  /** Empty = Protect's default sharing (hash + default_logs); any hint disables the unlisted ones. */
  hints: z
    .array(z.enum(protectHints, { message: `must be one of: ${protectHints.join(', ')}` }))
    .refine(unique, 'each hint only once')
    // Protect takes both; Hush refuses the contradiction instead of sending it.
    .refine(
      (h) => !h.includes('full') || h.length === 1,
      '"Share everything" cannot be combined with other hints',
    )
    .default([]),
  builders: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a builder name: letters, digits, ".", "_" or "-"'),
    )
    .refine(unique, 'each builder only once')
    .transform((b) => b.filter((name) => name.toLowerCase() !== alwaysIncludedBuilder))
    .default([]),
  refunds: z
    .array(refundSchema)
    .max(10, 'at most 10 refund recipients')
    .superRefine((refunds, ctx) => {
      const total = refunds.reduce((sum, r) => sum + (Number.isInteger(r.percent) ? r.percent : 0), 0)
      if (total > 100) ctx.addIssue({ code: 'custom', message: `refunds add up to ${total}%, at most 100%` })
    })
    .default([]),
  /** Identifies the sending app to Flashbots support; Protect accepts under 255 characters. */
  originId: z
    .string()
    .trim()
    .max(254, 'must be shorter than 255 characters')
    .regex(/^[A-Za-z0-9._~-]*$/, 'only letters, digits, ".", "_", "~" or "-"')
    .default('hush'),
  /** Gives up privacy: see useMempoolWarning. */
  useMempool: z.boolean().default(false),
  /** Include transactions that revert (they pay gas) instead of dropping them. */
  canRevert: z.boolean().default(false),
  /** Blocks Protect keeps trying before FAILED; unset = Protect's 25. */
  blockRange: wholeNumber('blocks', blockRangeBounds).optional(),
  /** Milliseconds before the slot ends within which a new transaction waits for the next slot. */
  auctionTimeout: wholeNumber('milliseconds', auctionTimeoutBounds).optional(),
})

export type ProtectSettings = z.output<typeof protectSettingsSchema>
export type ProtectSettingsInput = z.input<typeof protectSettingsSchema>

/**
 * What a fresh install uses: the "Max privacy" preset (presets.ts; the figures behind the choice are in
 * docs/protect-presets.md). The schema's field defaults stay as they were, so stored settings keep their meaning.
 */
export const defaultProtectSettings: ProtectSettings = protectSettingsSchema.parse({
  fast: false,
  hints: ['hash'],
})

/** Field path (e.g. `refunds.0.percent`) → the first message for it. */
export function protectSettingsErrors(input: unknown): Record<string, string> {
  const result = protectSettingsSchema.safeParse(input)
  if (result.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || 'root'
    errors[key] ??= issue.message
  }
  return errors
}

export function protectSettingsWarnings(settings: ProtectSettings): string[] {
  const warnings: string[] = []
  if (settings.useMempool) warnings.push(useMempoolWarning)
  if (settings.fast && settings.builders.length > 0) warnings.push(fastModeBuildersNote)
  return warnings
}

/**
 * The wallet RPC URL for these settings, e.g. `https://rpc.flashbots.net/fast?hint=hash&originId=hush`.
 * Throws on invalid settings: nothing unvalidated may reach a wallet.
 */
export function buildProtectUrl(baseRpcUrl: string, settings: ProtectSettingsInput): string {
  const s = protectSettingsSchema.parse(settings)
  const url = new URL(baseRpcUrl)
  const path = url.pathname.replace(/\/+$/, '').replace(/\/fast$/, '')
  url.pathname = s.fast ? `${path}/fast` : path || '/'
  url.search = ''
  const params = new URLSearchParams()
  for (const hint of s.hints) params.append('hint', hint)
  if (!s.fast) for (const builder of s.builders) params.append('builder', builder)
  for (const refund of s.refunds) params.append('refund', `${refund.address}:${refund.percent}`)
  if (s.originId) params.append('originId', s.originId)
  if (s.useMempool) params.append('useMempool', 'true')
  if (s.canRevert) params.append('canRevert', 'true')
  if (s.blockRange !== undefined) params.append('blockRange', String(s.blockRange))
  if (s.auctionTimeout !== undefined) params.append('auctionTimeout', String(s.auctionTimeout))
  const query = params.toString()
  return `${url.origin}${url.pathname}${query ? `?${query}` : ''}`
}
