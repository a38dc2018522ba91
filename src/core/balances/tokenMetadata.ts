import { type Address, type Client, getAddress, isAddress, parseAbi } from 'viem'
import { getCode, multicall, readContract } from 'viem/actions'
import { type TokenConfig, tokenSchema } from '../config/schema'
import { isTransportFailure } from '../errors/predicates'
import { delegateOf } from './accountKind'

/** decimals() as uint256 so an out-of-range value is seen and refused instead of failing to decode. */
const erc20MetadataAbi = parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint256)',
  'function totalSupply() view returns (uint256)',
])

export type TokenRefusalCode =
  | 'invalid-address'
  | 'not-contract'
  | 'not-erc20'
  | 'bad-decimals'
  | 'bad-symbol'
  | 'bad-name'

export type TokenMetadataResult =
  | { ok: true; token: TokenConfig }
  | { ok: false; code: TokenRefusalCode; reason: string }

const functions = ['name', 'symbol', 'decimals', 'totalSupply'] as const

/**
 * Reads and validates an ERC-20's metadata. A refusal names the reason; a failed request (network, RPC) throws
 * so it is never mistaken for "not a token". Code and metadata are requested in the same tick, so an endpoint
 * with batching gets them in one HTTP request.
 */
export async function readTokenMetadata(
  client: Client,
  params: { address: string; multicall3?: Address },
): Promise<TokenMetadataResult> {
  const input = params.address.trim()
  if (!isAddress(input, { strict: true }))
    return {
      ok: false,
      code: 'invalid-address',
      reason: 'This is not a valid address (or its checksum is wrong).',
    }
  const address = getAddress(input)
  const [code, results] = await Promise.all([
    getCode(client, { address }),
    readMetadata(client, address, params.multicall3),
  ])
  if (!code || code === '0x')
    return { ok: false, code: 'not-contract', reason: 'There is no contract at this address on this chain.' }
  if (delegateOf(code))
    return {
      ok: false,
      code: 'not-contract',
      reason: 'This address is an account (EIP-7702 delegation), not a token contract.',
    }
  return validateMetadata(address, results)
}

export type RawMetadata = Record<(typeof functions)[number], { ok: true; value: unknown } | { ok: false }>

export function validateMetadata(address: Address, raw: RawMetadata): TokenMetadataResult {
  const missing = functions.filter((f) => !raw[f].ok)
  if (missing.length > 0)
    return {
      ok: false,
      code: 'not-erc20',
      reason: `This contract is not an ERC-20 token: ${missing.map((f) => `${f}()`).join(', ')} did not answer as ERC-20 requires.`,
    }
  const value = (f: (typeof functions)[number]) => (raw[f] as { value: unknown }).value
  const decimals = value('decimals') as bigint
  if (decimals > 36n)
    return {
      ok: false,
      code: 'bad-decimals',
      reason: `The token reports ${decimals} decimals; at most 36 are supported.`,
    }
  const parsed = tokenSchema.safeParse({
    address,
    symbol: value('symbol'),
    name: value('name'),
    decimals: Number(decimals),
  })
  if (parsed.success) return { ok: true, token: parsed.data }
  const issue = parsed.error.issues[0]
  const field = issue?.path[0] === 'name' ? 'name' : 'symbol'
  return {
    ok: false,
    code: field === 'name' ? 'bad-name' : 'bad-symbol',
    reason: `The token's ${field} ${issue?.message ?? 'is invalid'}.`,
  }
}

async function readMetadata(
  client: Client,
  address: Address,
  multicall3: Address | undefined,
): Promise<RawMetadata> {
  if (multicall3) {
    const results = await multicall(client, {
      contracts: functions.map((functionName) => ({ address, abi: erc20MetadataAbi, functionName })),
      allowFailure: true,
      multicallAddress: multicall3,
      batchSize: 0,
    })
    return Object.fromEntries(
      functions.map((f, i) => {
        const r = results[i]
        return [f, r?.status === 'success' ? { ok: true, value: r.result } : { ok: false }]
      }),
    ) as RawMetadata
  }
  const entries = await Promise.all(
    functions.map((functionName) =>
      readContract(client, { address, abi: erc20MetadataAbi, functionName }).then(
        (value) => [functionName, { ok: true, value }] as const,
        (error: unknown) => {
          // A revert or undecodable answer means "not this function"; a failed request must surface as an error.
          if (isTransportFailure(error)) throw error
          return [functionName, { ok: false }] as const
        },
      ),
    ),
  )
  return Object.fromEntries(entries) as RawMetadata
}
