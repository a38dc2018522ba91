import { getAddress, isAddress } from 'viem'
import { z } from 'zod/mini'

// zod/mini (the functional form of zod) keeps the config check small on a first visit. It has no English
// messages of its own: load.ts loads them when a config is refused, so a deployer reads what is wrong.

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

const urlOf = (kind: 'http' | 'ws') =>
  z.string().check(
    z.superRefine((v, ctx) => {
      const problem = endpointUrlProblem(v, kind)
      if (problem) ctx.addIssue({ code: 'custom', message: `URL ${problem}` })
    }),
  )
const httpUrl = urlOf('http')
const wsUrl = urlOf('ws')
const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max))
const positiveInt = (max = Number.MAX_SAFE_INTEGER) => z.int().check(z.positive(), z.lte(max))
const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max))

export const addressSchema = z.pipe(
  z
    .string()
    .check(
      z.refine((v) => isAddress(v, { strict: true }), { message: 'not a valid address (or wrong checksum)' }),
    ),
  z.transform((v: string) => getAddress(v)),
)

const tokenString = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(32, 'must be at most 32 characters'),
  // Bidi overrides/isolates too: "\u202eDSU" would render as "USD".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  z.refine((v) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(v), {
    message: 'must not contain control characters (including text-direction overrides)',
  }),
)

export const tokenSchema = z.object({
  address: addressSchema,
  symbol: tokenString,
  name: tokenString,
  decimals: int(0, 36),
})

export const rateLimitSchema = z.object({
  /** Sustained requests per second. */
  perSecond: z.number().check(z.positive(), z.lte(10_000)),
  /** Bucket size: requests allowed in a burst. */
  burst: positiveInt(10_000),
})

export const rpcEndpointSchema = z.object({
  url: httpUrl,
  batch: z._default(z.boolean(), false),
  label: z.optional(z.string().check(z.maxLength(64))),
  rateLimit: z.optional(rateLimitSchema),
})

export const protectSchema = z.object({ rpcUrl: httpUrl, statusUrl: httpUrl })

/** One asset's Chainlink-style feed (AggregatorV3Interface: `latestRoundData()`, `decimals()`). */
export const priceFeedSchema = z.object({
  /** `native` for the chain's currency, else the token's address. */
  asset: z.union([z.literal('native'), addressSchema]),
  feed: addressSchema,
  /** An answer older than this (by the block's own timestamp) is not shown; default 25 hours. */
  maxAgeSeconds: z._default(positiveInt(7 * 86_400), 90_000),
})

export const priceFeedsSchema = z
  .object({
    /** ISO 4217 code of what the feeds quote in, e.g. USD. */
    currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD')),
    feeds: z.array(priceFeedSchema).check(z.maxLength(100)),
  })
  .check(
    z.superRefine((value, ctx) => {
      const assets = value.feeds.map((f) => f.asset.toLowerCase())
      assets.forEach((asset, i) => {
        if (assets.indexOf(asset) !== i)
          ctx.addIssue({ code: 'custom', path: ['feeds', i, 'asset'], message: 'has a feed already' })
      })
    }),
  )

export const chainSchema = z.object({
  id: positiveInt(2 ** 53 - 1),
  name: text(1, 64),
  nativeCurrency: z.object({
    name: text(1, 32),
    symbol: text(1, 12),
    decimals: int(0, 36),
  }),
  rpc: z.array(rpcEndpointSchema).check(z.minLength(1, 'needs at least one RPC endpoint')),
  ws: z.optional(z.array(wsUrl)),
  protect: z.nullable(protectSchema),
  explorer: z.optional(httpUrl),
  multicall3: z.optional(addressSchema),
  tokens: z.optional(z.array(tokenSchema)),
  /** Optional on-chain price feeds: fiat values are shown only for assets listed here, never from an API. */
  priceFeeds: z.optional(priceFeedsSchema),
  testnet: z.optional(z.boolean()),
  /** EIP-7702 delegates the deployer vouches for; a sender delegated to any other needs a tick in the review. */
  knownDelegates: z.optional(z.array(addressSchema).check(z.maxLength(100))),
})

/** What the deployer may put in config.json: every key optional, merged over the built-in defaults. */
export const runtimeConfigInputSchema = z.object({
  defaultChainId: z.optional(positiveInt()),
  /** When true the listed chains replace the built-in ones instead of being merged into them. */
  replaceDefaultChains: z.optional(z.boolean()),
  chains: z.optional(z.array(z.unknown())),
})

export const runtimeConfigSchema = z
  .object({
    defaultChainId: positiveInt(),
    chains: z.array(chainSchema).check(z.minLength(1, 'needs at least one chain')),
  })
  .check(
    z.superRefine((config, ctx) => {
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
    }),
  )

export type ChainConfig = z.infer<typeof chainSchema>
export type RpcEndpointConfig = z.infer<typeof rpcEndpointSchema>
export type TokenConfig = z.infer<typeof tokenSchema>
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>
export type ProtectConfig = z.infer<typeof protectSchema>
export type PriceFeedsConfig = z.infer<typeof priceFeedsSchema>
