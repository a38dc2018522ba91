import { type Address, createPublicClient, erc20Abi, http } from 'viem'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { readBalances } from '../../../src/core/balances/readBalances'
import { devAccount } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { deployTokens, hostileTokens, manyTokenSpecs } from '../../support/builders/tokens'

const devnet = inject('devnet')
const client = createPublicClient({ chain: devChain(devnet.url), transport: http(devnet.url) })
const owners = [1, 2, 12, 13].map((i) => devAccount(i).address)

let tokens: Address[] = []

beforeAll(async () => {
  // A few extra tokens held in different amounts, plus the hostile-symbol one (its balance must read too).
  const extra = await deployTokens(devnet.url, [
    ...manyTokenSpecs(3, [devAccount(12).address, devAccount(2).address]),
    { ...hostileTokens.htmlSymbol, holders: [devAccount(13).address], amountEach: '7' },
  ])
  tokens = [...devnet.contracts.tokens.map((t) => t.address), ...extra]
})

async function chainTruth(owner: Address) {
  const native = await client.getBalance({ address: owner })
  const values = await Promise.all(
    tokens.map((address) =>
      client.readContract({ address, abi: erc20Abi, functionName: 'balanceOf', args: [owner] }),
    ),
  )
  return { native, values }
}

describe('readBalances against Anvil', () => {
  it('with Multicall3: ETH and every token equal what the chain holds, for several accounts', async () => {
    for (const owner of owners) {
      const snapshot = await readBalances(client, {
        chainId: devnet.chainId,
        owner,
        tokens,
        multicall3: devnet.contracts.multicall3,
      })
      const truth = await chainTruth(owner)
      expect(snapshot.owner).toBe(owner)
      expect(snapshot.chainId).toBe(devnet.chainId)
      expect(snapshot.native).toBe(truth.native)
      expect(tokens.map((t) => snapshot.tokens[t])).toEqual(
        truth.values.map((value) => ({ status: 'ok', value })),
      )
      expect(snapshot.blockNumber).toBe(await client.getBlockNumber({ cacheTime: 0 }))
    }
    // Not a vacuous comparison: the accounts really hold different amounts.
    const a = await chainTruth(devAccount(12).address)
    const b = await chainTruth(devAccount(1).address)
    expect(a.values).not.toEqual(b.values)
  })

  it('without Multicall3: single calls give the same figures', async () => {
    const owner = devAccount(13).address
    const plainClient = createPublicClient({ transport: http(devnet.url, { batch: true }) })
    const viaSingle = await readBalances(plainClient, { chainId: devnet.chainId, owner, tokens })
    const viaMulticall = await readBalances(client, {
      chainId: devnet.chainId,
      owner,
      tokens,
      multicall3: devnet.contracts.multicall3,
    })
    expect(viaSingle.native).toBe(viaMulticall.native)
    expect(viaSingle.tokens).toEqual(viaMulticall.tokens)
  })

  it('a token whose balanceOf fails is reported as unreadable, never as zero', async () => {
    const owner = devAccount(12).address
    for (const multicall3 of [devnet.contracts.multicall3, undefined]) {
      const snapshot = await readBalances(client, {
        chainId: devnet.chainId,
        owner,
        tokens: [devnet.contracts.vault, devAccount(1).address],
        multicall3,
      })
      expect(snapshot.tokens[devnet.contracts.vault]?.status).toBe('error')
      expect(snapshot.tokens[devAccount(1).address]?.status).toBe('error')
    }
  })

  it('an unreachable endpoint throws instead of returning zeros', async () => {
    const dead = createPublicClient({
      transport: http('http://127.0.0.1:9', { retryCount: 0, timeout: 2_000 }),
    })
    for (const multicall3 of [devnet.contracts.multicall3, undefined]) {
      await expect(
        readBalances(dead, { chainId: devnet.chainId, owner: devAccount(12).address, tokens, multicall3 }),
      ).rejects.toThrow()
    }
  })
})
