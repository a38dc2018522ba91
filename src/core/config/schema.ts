import { getAddress, isAddress } from 'viem'
import { z } from 'zod'

const isLocalHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]'

/** https:/wss: anywhere; http:/ws: only for localhost. */
export function endpointUrlProblem(value: string, kind: 'http' | 'ws'): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'is not a URL'
  }
  const secure = kind === 'http' ? 'https:' : 'wss:'
  const plain = kind === 'http' ? 'http:' : 'ws:'
  if (url.protocol === secure) return undefined
  if (url.protocol === plain)
    return isLocalHost(url.hostname) ? undefined : `${plain}// is allowed only for localhost`
  return `must start with ${secure}//`
}

const httpUrl = z.string().superRefine((v, ctx) => {
  const problem = endpointUrlProblem(v, 'http')
  if (problem) ctx.addIssue({ code: 'custom', message: `URL ${problem}` })
})
const wsUrl = z.string().superRefine((v, ctx) => {
  const problem = endpointUrlProblem(v, 'ws')
  if (problem) ctx.addIssue({ code: 'custom', message: `URL ${problem}` })
})

export const addressSchema = z
  .string()
  .refine((v) => isAddress(v, { strict: true }), { message: 'not a valid address (or wrong checksum)' })
  .transform((v) => getAddress(v))

const tokenString = z
  .string()
  .min(1, 'must not be empty')
  .max(32, 'must be at most 32 characters')
  // Bidi overrides/isolates too: "\u202eDSU" would render as "USD".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .refine((v) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(v), {
    message: 'must not contain control characters (including text-direction overrides)',
  })

export const tokenSchema = z.object({
  address: addressSchema,
  symbol: tokenString,
  name: tokenString,
  decimals: z.number().int().min(0).max(36),
})

export const rateLimitSchema = z.object({
  /** Sustained requests per second. */
  perSecond: z.number().positive().max(10_000),
  /** Bucket size: requests allowed in a burst. */
  burst: z.number().int().positive().max(10_000),
})

export const rpcEndpointSchema = z.object({
  url: httpUrl,
  batch: z.boolean().default(false),
  label: z.string().max(64).optional(),
  rateLimit: rateLimitSchema.optional(),
})

export const protectSchema = z.object({ rpcUrl: httpUrl, statusUrl: httpUrl })

/** One asset's Chainlink-style feed (AggregatorV3Interface: `latestRoundData()`, `decimals()`). */
export const priceFeedSchema = z.object({
  /** `native` for the chain's currency, else the token's address. */
  asset: z.union([z.literal('native'), addressSchema]),
  feed: addressSchema,
  /** An answer older than this (by the block's own timestamp) is not shown; default 25 hours. */
  maxAgeSeconds: z
    .number()
    .int()
    .positive()
    .max(7 * 86_400)
    .default(90_000),
})

export const priceFeedsSchema = z
  .object({
    /** ISO 4217 code of what the feeds quote in, e.g. USD. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD'),
    feeds: z.array(priceFeedSchema).max(100),
  })
  .superRefine((value, ctx) => {
    const assets = value.feeds.map((f) => f.asset.toLowerCase())
    assets.forEach((asset, i) => {
      if (assets.indexOf(asset) !== i)
        ctx.addIssue({ code: 'custom', path: ['feeds', i, 'asset'], message: 'has a feed already' })
    })
  })

export const chainSchema = z.object({
  id: z
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
  name: z.string().min(1).max(64),
  nativeCurrency: z.object({
    name: z.string().min(1).max(32),
    symbol: z.string().min(1).max(12),
    decimals: z.number().int().min(0).max(36),
  }),
  rpc: z.array(rpcEndpointSchema).min(1, 'needs at least one RPC endpoint'),
  ws: z.array(wsUrl).optional(),
  protect: protectSchema.nullable(),
  explorer: httpUrl.optional(),
  multicall3: addressSchema.optional(),
  tokens: z.array(tokenSchema).optional(),
  /** Optional on-chain price feeds: fiat values are shown only for assets listed here, never from an API. */
  priceFeeds: priceFeedsSchema.optional(),
  testnet: z.boolean().optional(),
  /** EIP-7702 delegates the deployer vouches for; a sender delegated to any other needs a tick in the review. */
  knownDelegates: z.array(addressSchema).max(100).optional(),
})

/** What the deployer may put in config.json: every key optional, merged over the built-in defaults. */
export const runtimeConfigInputSchema = z.object({
  defaultChainId: z.number().int().positive().optional(),
  /** When true the listed chains replace the built-in ones instead of being merged into them. */
  replaceDefaultChains: z.boolean().optional(),
  chains: z.array(z.unknown()).optional(),
})

export const runtimeConfigSchema = z
  .object({
    defaultChainId: z.number().int().positive(),
    chains: z.array(chainSchema).min(1, 'needs at least one chain'),
  })
  .superRefine((config, ctx) => {
    const ids = config.chains.map((c) => c.id)
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: ['chains', i, 'id'], message: 'duplicate chain id' })
    })
    if (!ids.includes(config.defaultChainId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultChainId'],
        message: 'is not one of the configured chains',
      })
    }
  })

export type ChainConfig = z.infer<typeof chainSchema>
export type RpcEndpointConfig = z.infer<typeof rpcEndpointSchema>
export type TokenConfig = z.infer<typeof tokenSchema>
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>
export type ProtectConfig = z.infer<typeof protectSchema>
export type PriceFeedsConfig = z.infer<typeof priceFeedsSchema>
