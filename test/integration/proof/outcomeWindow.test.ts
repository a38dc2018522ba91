import { type Address, createWalletClient, type Hex, http, parseUnits } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { BlockDisagreement, witnessBlock } from '../../../src/core/proof/blockWitness'
import { checkOutcome } from '../../../src/core/proof/check'
import { effectLines } from '../../../src/core/proof/describe'
import { outcomeCheckSchema } from '../../../src/core/proof/outcome'
import type { EndpointPool } from '../../../src/core/rpc/pool'
import { rpc } from '../../../tools/devnet/devnet'
import { startReadPool } from '../../support/builders/readPool'
import { type Call, mintAbi, ownProofDevnet, transfer } from './helpers'

/**
 * The outcome check past 24 entries (issue 22), against real Anvil: a transaction set that moves 24 decoy
 * tokens at low addresses pushed a real drain out of the compared window, and the check still said
 * "As previewed". Decoys are the devnet token's code placed at low addresses with `anvil_setCode`.
 */
const own = ownProofDevnet()

const someone = () => privateKeyToAccount(generatePrivateKey()).address
const decoyAddress = (i: number): Address => `0x${(0x1000 + i).toString(16).padStart(40, '0')}`

/** 24 tokens at addresses below every deployed one, each holding `amount` for `holder`. */
async function decoys(
  holder: ReturnType<typeof privateKeyToAccount>,
  amount: bigint,
  count = 24,
): Promise<Address[]> {
  const code = await rpc<Hex>(own.devnet.url, 'eth_getCode', [
    own.devnet.contracts.tokens[0]!.address,
    'latest',
  ])
  const wallet = createWalletClient({ chain: own.h.chain, transport: http(own.devnet.url), account: holder })
  const list = Array.from({ length: count }, (_, i) => decoyAddress(i))
  for (const address of list) {
    await rpc(own.devnet.url, 'anvil_setCode', [address, code])
    const hash = await wallet.writeContract({
      address,
      abi: mintAbi,
      functionName: 'mint',
      args: [holder.address, amount],
    })
    await own.h.reader.waitForTransactionReceipt({ hash, pollingInterval: 50 })
  }
  return list
}

describe('the outcome check compares everything', () => {
  it('24 decoy token transfers do not push a drain the preview did not show out of the comparison', async () => {
    const account = await own.h.freshAccount()
    const bob = someone()
    const mallory = someone()
    const decoyCalls: Call[] = (await decoys(account, 1000n)).map((t) => transfer(t, bob, 1n))
    const dusd = own.devnet.contracts.tokens[0]!.address
    const drain = transfer(dusd, mallory, parseUnits('500', 6))
    const calls = [...decoyCalls, drain]
    const prepared = await own.h.prepare(account.address, calls)
    // What a contract that behaves differently under simulation shows: the decoys, and no drain.
    const preview = await own.h.preview(account.address, decoyCalls, prepared.maxGasFee)
    expect(preview.sender.some((e) => e.asset === dusd)).toBe(false)
    const hashes = await own.h.send(account, calls, prepared)
    const check = await own.h.check(account.address, hashes, calls, preview)
    expect(check.verdict).toBe('differs')
    expect(check.differences).toContainEqual({
      kind: 'sender',
      asset: dusd,
      actual: (-parseUnits('500', 6)).toString(),
    })
    expect(check.differences).toContainEqual({
      kind: 'receives',
      asset: dusd,
      who: mallory,
      actual: parseUnits('500', 6).toString(),
    })
  })
})

describe('the outcome check keeps its block and confirms it on a second endpoint', () => {
  it('stores the block hash; a second endpoint with the same block confirms it, one with another refuses the check', async () => {
    const two = await startReadPool(own.devnet.chainId, [own.devnet.url, own.devnet.url])
    try {
      const account = await own.h.freshAccount()
      const calls = [transfer(own.devnet.contracts.tokens[0]!.address, someone(), 5n)]
      const prepared = await own.h.prepare(account.address, calls)
      const preview = await own.h.preview(account.address, calls, prepared.maxGasFee)
      const hashes = await own.h.send(account, calls, prepared)
      const check = (pool: EndpointPool) =>
        pool.withEndpoint((s) =>
          checkOutcome(s.client, {
            account: account.address,
            hashes,
            calls,
            preview,
            knownTokens: own.h.known,
          }),
        )
      const { value, endpointId } = await check(two)
      const block = await own.h.reader.getBlock({ blockNumber: BigInt(value.block) })
      expect(value.blockHash).toBe(block.hash)
      expect(outcomeCheckSchema.parse(value).blockHash).toBe(block.hash)
      const witnessed = await witnessBlock(two, { endpointId }, value)
      expect(witnessed.blockWitness).toEqual({ kind: 'confirmed', endpoint: endpointId === 'a' ? 'b' : 'a' })
      // A check that read another block (a forged or reorged answer) is not kept.
      const forged = { ...value, blockHash: `0x${'ab'.repeat(32)}` as Hex }
      await expect(witnessBlock(two, { endpointId }, forged)).rejects.toThrow(BlockDisagreement)
      // Where there is no second endpoint, the check says so.
      const { value: alone, endpointId: onlyId } = await check(own.h.pool)
      expect((await witnessBlock(own.h.pool, { endpointId: onlyId }, alone)).blockWitness).toEqual({
        kind: 'one-endpoint',
      })
    } finally {
      two.stop()
    }
  })
})

describe("a token that calls itself by a listed token's symbol", () => {
  it('is flagged as a look-alike with its address in the preview and the outcome', async () => {
    const account = await own.h.freshAccount()
    const [fake] = await decoys(account, 1000n, 1)
    // DemoToken keeps its symbol in slot 1: a short string "DUSD" (length × 2 in the last byte).
    const dusdSymbol = `0x${Buffer.from('DUSD').toString('hex').padEnd(62, '0')}08`
    await rpc(own.devnet.url, 'anvil_setStorageAt', [fake, '0x1', dusdSymbol])
    const bob = someone()
    const calls = [
      transfer(fake as Address, bob, 7n),
      transfer(own.devnet.contracts.tokens[0]!.address, bob, 7n),
    ]
    const prepared = await own.h.prepare(account.address, calls)
    const preview = await own.h.preview(account.address, calls, prepared.maxGasFee)
    expect(preview.tokens).toContainEqual({ address: fake, symbol: 'DUSD', decimals: 6, lookAlike: true })
    const native = { symbol: 'ETH', decimals: 18 }
    const lines = effectLines(preview, native)
    expect(lines).toContain(
      `Your DUSD (LOOK-ALIKE: not the listed DUSD; unlisted token ${fake}): −0.000007 DUSD (LOOK-ALIKE: not the listed DUSD; unlisted token ${fake})`,
    )
    expect(lines).toContain('Your DUSD: −0.000007 DUSD')
    const hashes = await own.h.send(account, calls, prepared)
    const check = await own.h.check(account.address, hashes, calls, preview)
    expect(check.tokens).toContainEqual({ address: fake, symbol: 'DUSD', decimals: 6, lookAlike: true })
    expect(check.verdict).toBe('as-previewed')
  })
})
