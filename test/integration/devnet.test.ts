import { createPublicClient, erc20Abi, http, parseUnits } from 'viem'
import { describe, expect, inject, it } from 'vitest'
import { devAccount } from '../../tools/devnet/accounts'
import { artifact } from '../../tools/devnet/contracts'
import { devChain } from '../../tools/devnet/deploy'

const devnet = inject('devnet')
const client = createPublicClient({ chain: devChain(devnet.url), transport: http(devnet.url) })

describe('the devnet', () => {
  it('answers chain id 31337', async () => {
    expect(await client.getChainId()).toBe(31337)
  })

  it('has our Multicall3-compatible code at the canonical address, usable by viem multicall', async () => {
    expect(await client.getCode({ address: devnet.contracts.multicall3 })).toBe(
      artifact('Multicall').deployedBytecode,
    )
    const results = await client.multicall({
      contracts: devnet.contracts.tokens.map((t) => ({
        address: t.address,
        abi: erc20Abi,
        functionName: 'decimals' as const,
      })),
    })
    expect(results.map((r) => r.result)).toEqual([6, 18])
  })

  it('funds every dev account with each demo token', async () => {
    for (const index of [0, 5, 19]) {
      const [dusd, hdt] = await Promise.all(
        devnet.contracts.tokens.map((t) =>
          client.readContract({
            address: t.address,
            abi: erc20Abi,
            functionName: 'balanceOf',
            args: [devAccount(index).address],
          }),
        ),
      )
      expect(dusd).toBeGreaterThanOrEqual(0n)
      expect(hdt).toBeGreaterThanOrEqual(0n)
      if (index === 19) {
        expect(dusd).toBe(parseUnits('1000000', 6))
        expect(hdt).toBe(parseUnits('5000', 18))
      }
    }
  })
})
