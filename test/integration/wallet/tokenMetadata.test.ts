import { type Address, createPublicClient, http } from 'viem'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { readTokenMetadata } from '../../../src/core/balances/tokenMetadata'
import { devAccount } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { deployTokens, hostileTokens } from '../../support/builders/tokens'

const devnet = inject('devnet')
const client = createPublicClient({ chain: devChain(devnet.url), transport: http(devnet.url) })
const plainClient = createPublicClient({ transport: http(devnet.url, { batch: true }) })
const deployed: Partial<Record<keyof typeof hostileTokens, Address>> = {}

beforeAll(async () => {
  const names = Object.keys(hostileTokens) as (keyof typeof hostileTokens)[]
  const addresses = await deployTokens(
    devnet.url,
    names.map((n) => hostileTokens[n]),
  )
  names.forEach((n, i) => {
    deployed[n] = addresses[i]
  })
})

// Every case runs with Multicall3 and with the single-call fallback.
const variants = [
  ['multicall3', () => ({ c: client, multicall3: devnet.contracts.multicall3 })],
  ['single calls', () => ({ c: plainClient, multicall3: undefined })],
] as const

describe.each(variants)('readTokenMetadata (%s)', (_, setup) => {
  const read = (address: string) => {
    const { c, multicall3 } = setup()
    return readTokenMetadata(c, { address, multicall3 })
  }

  it('reads a devnet token', async () => {
    const [dusd] = devnet.contracts.tokens
    expect(await read(dusd!.address.toLowerCase())).toEqual({ ok: true, token: dusd })
  })

  it('keeps a hostile symbol as plain text data', async () => {
    const result = await read(deployed.htmlSymbol!)
    expect(result).toEqual({
      ok: true,
      token: {
        address: deployed.htmlSymbol,
        symbol: '<img src=x onerror=alert(1)>',
        name: 'Hostile Markup',
        decimals: 18,
      },
    })
  })

  it('refuses a contract that is not an ERC-20 (DemoVault), naming the reason', async () => {
    const result = await read(devnet.contracts.vault)
    expect(result).toMatchObject({ ok: false, code: 'not-erc20' })
    if (!result.ok) expect(result.reason).toContain('not an ERC-20')
  })

  it('refuses an address with no code', async () => {
    expect(await read(devAccount(2).address)).toMatchObject({ ok: false, code: 'not-contract' })
  })

  it('refuses decimals over 36, an empty symbol, a 33-character name and control characters', async () => {
    expect(await read(deployed.hugeDecimals!)).toMatchObject({ ok: false, code: 'bad-decimals' })
    const empty = await read(deployed.emptySymbol!)
    expect(empty).toMatchObject({ ok: false, code: 'bad-symbol' })
    if (!empty.ok) expect(empty.reason).toContain('must not be empty')
    const long = await read(deployed.longName!)
    expect(long).toMatchObject({ ok: false, code: 'bad-name' })
    if (!long.ok) expect(long.reason).toContain('at most 32 characters')
    const control = await read(deployed.controlSymbol!)
    expect(control).toMatchObject({ ok: false, code: 'bad-symbol' })
    if (!control.ok) expect(control.reason).toContain('control characters')
  })

  it('refuses text that is not an address', async () => {
    expect(await read('0x1234')).toMatchObject({ ok: false, code: 'invalid-address' })
  })
})

it('a network failure is an error, not a refusal', async () => {
  const dead = createPublicClient({
    transport: http('http://127.0.0.1:9', { retryCount: 0, timeout: 2_000 }),
  })
  const [dusd] = devnet.contracts.tokens
  await expect(readTokenMetadata(dead, { address: dusd!.address })).rejects.toThrow()
  await expect(
    readTokenMetadata(dead, { address: dusd!.address, multicall3: devnet.contracts.multicall3 }),
  ).rejects.toThrow()
})
