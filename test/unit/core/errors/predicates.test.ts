import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193RequestFn,
  http,
  parseAbi,
  TransactionReceiptNotFoundError,
  webSocket,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyError } from '../../../../src/core/errors/classify'
import { AccountBusyError } from '../../../../src/core/errors/errors'
import {
  errorCode,
  errorText,
  isNetwork,
  isRateLimited,
  isReceiptNotFound,
  isRevert,
  isTimeout,
  isTransportFailure,
  isUnsupportedMethod,
  isUserRejection,
} from '../../../../src/core/errors/predicates'
import { sendResultMessage, sendThroughPipeline } from '../../../../src/core/tx/send/pipeline'
import { memoryStorage } from '../../../support/builders/memoryStorage'
import {
  ScriptedReader,
  ScriptedWallet,
  tab,
  transferIntent,
  until,
} from '../../../support/builders/pipeline'

const from = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const
const chain = {
  id: 31337,
  name: 'Anvil',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:1'] } },
} as const

/** What viem throws when the wallet / node answers with this EIP-1193 error: the real wrapping, not a copy. */
async function thrownBy(error: unknown, run: 'send' | 'call' = 'send'): Promise<unknown> {
  const request = (async () => {
    throw error
  }) as unknown as EIP1193RequestFn
  try {
    if (run === 'send')
      await createWalletClient({ chain, transport: custom({ request }) }).sendTransaction({
        account: from,
        to: from,
        value: 1n,
        gas: 21_000n,
        maxFeePerGas: 1n,
        maxPriorityFeePerGas: 1n,
        nonce: 0,
      })
    else
      await createPublicClient({ chain, transport: custom({ request }) }).readContract({
        address: from,
        abi: parseAbi(['function decimals() view returns (uint8)']),
        functionName: 'decimals',
      })
  } catch (caught) {
    return caught
  }
  throw new Error('expected a failure')
}

/** A local HTTP endpoint answering every request with the given status and body. */
let server: Server
let url: string
let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: '{}' }
beforeAll(async () => {
  server = createServer((_req, res) => {
    setTimeout(() => {
      const json = answer.body.startsWith('{')
      res
        .writeHead(answer.status, { 'content-type': json ? 'application/json' : 'text/plain' })
        .end(answer.body)
    }, answer.delayMs ?? 0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/key/SECRET`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

async function thrownOverHttp(reply: typeof answer, timeout = 2_000): Promise<unknown> {
  answer = reply
  const client = createPublicClient({ chain, transport: http(url, { retryCount: 0, timeout }) })
  try {
    await client.getBlockNumber({ cacheTime: 0 })
  } catch (caught) {
    return caught
  }
  throw new Error('expected a failure')
}

const predicates = {
  isUserRejection,
  isRevert,
  isUnsupportedMethod,
  isRateLimited,
  isTimeout,
  isNetwork,
} as const

/** Exactly one of the category predicates holds for each error. */
function holding(error: unknown): string[] {
  return Object.entries(predicates)
    .filter(([, p]) => p(error))
    .map(([name]) => name)
}

describe('error predicates on errors as viem throws them', () => {
  it('a wallet rejection (4001), wrapped by sendTransaction', async () => {
    const error = await thrownBy({ code: 4001, message: 'User rejected the request.' })
    expect(holding(error)).toEqual(['isUserRejection'])
    expect(errorCode(error)).toBe(4001)
  })

  it('a revert: code 3 with Error(string) data, from a contract read', async () => {
    const error = await thrownBy(
      {
        code: 3,
        message: 'execution reverted: DemoVault: insufficient deposit',
        data: '0x08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000001e44656d6f5661756c743a20696e73756666696369656e74206465706f7369740000',
      },
      'call',
    )
    expect(holding(error)).toEqual(['isRevert'])
    expect(isTransportFailure(error)).toBe(false)
  })

  it('a revert known only by its Error(string) payload, or by Ganache wording', () => {
    expect(isRevert({ code: -32000, message: 'VM Exception', data: '0x08c379a0' })).toBe(true)
    expect(isRevert({ code: -32000, message: 'VM Exception while processing transaction: revert' })).toBe(
      true,
    )
  })

  it('an unsupported method: -32601, 4200 and the node wording', async () => {
    expect(holding(await thrownBy({ code: -32601, message: 'Method not found' }, 'call'))).toEqual([
      'isUnsupportedMethod',
    ])
    expect(holding(await thrownBy({ code: 4200, message: 'Unsupported method' }))).toEqual([
      'isUnsupportedMethod',
    ])
    expect(isUnsupportedMethod(new Error('unknown method eth_simulateV1'))).toBe(true)
  })

  it('HTTP 429 from the endpoint is rate limited and a transport failure', async () => {
    const error = await thrownOverHttp({ status: 429, body: 'Too Many Requests' })
    expect(holding(error)).toEqual(['isRateLimited'])
    expect(isTransportFailure(error)).toBe(true)
  })

  it('a JSON-RPC -32005 answer is rate limited', async () => {
    const error = await thrownOverHttp({
      status: 200,
      body: JSON.stringify({ jsonrpc: '2.0', id: 0, error: { code: -32005, message: 'limit exceeded' } }),
    })
    expect(holding(error)).toEqual(['isRateLimited'])
  })

  it('an endpoint that does not answer in time is a timeout, never a revert', async () => {
    const error = await thrownOverHttp({ status: 200, body: '{}', delayMs: 300 }, 50)
    expect(holding(error)).toEqual(['isTimeout'])
    expect(isTransportFailure(error)).toBe(true)
  })

  it('a refused connection and an HTTP 502 mentioning "reverted" are network failures', async () => {
    const client = createPublicClient({ chain, transport: http('http://127.0.0.1:9', { retryCount: 0 }) })
    const refused = await client.getBlockNumber().catch((e: unknown) => e)
    expect(holding(refused)).toEqual(['isNetwork'])
    const bad = await thrownOverHttp({ status: 502, body: 'execution reverted' })
    expect(holding(bad)).toEqual(['isNetwork'])
    expect(isTransportFailure(bad)).toBe(true)
  })

  it('a closed WebSocket is a network failure', async () => {
    const client = createPublicClient({
      chain,
      transport: webSocket('ws://127.0.0.1:9', { retryCount: 0, reconnect: false, timeout: 2_000 }),
    })
    const error = await client.getBlockNumber().catch((e: unknown) => e)
    expect(isTransportFailure(error)).toBe(true)
    expect(isRevert(error)).toBe(false)
  })

  it('no receipt yet is told apart from a failed read', () => {
    expect(isReceiptNotFound(new TransactionReceiptNotFoundError({ hash: `0x${'1'.repeat(64)}` }))).toBe(true)
    expect(isReceiptNotFound(new Error('fetch failed'))).toBe(false)
  })

  it('errorCode and errorText read the whole chain', async () => {
    const error = await thrownBy({ code: -32602, message: 'May not specify default MetaMask chain.' })
    expect(errorCode(error)).toBe(-32602)
    expect(errorText(error)).toMatch(/default MetaMask chain/)
  })
})

describe('one sentence for a send result', () => {
  const fresh = () => {
    ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
    return { wallet: new ScriptedWallet(), reader: new ScriptedReader() }
  }

  it('a rejection in the wallet says nothing was sent', async () => {
    const { wallet, reader } = fresh()
    wallet.decline = true
    const result = await sendThroughPipeline(tab(wallet, reader), transferIntent())
    expect(sendResultMessage(result)).toBe('You declined the transaction in your wallet. Nothing was sent.')
  })

  it('a second send while one awaits the wallet: the same busy sentence everywhere', async () => {
    const { wallet, reader } = fresh()
    wallet.hold = true
    const deps = tab(wallet, reader)
    const first = sendThroughPipeline(deps, transferIntent())
    await until(() => wallet.waiting() === 1)
    const second = await sendThroughPipeline(deps, transferIntent())
    wallet.release()
    expect((await first).kind).toBe('sent')
    expect(second.kind).toBe('busy')
    const busy = sendResultMessage(second)
    expect(busy).toBe(new AccountBusyError().message)
    // Through the classifier the error reads the same.
    expect(classifyError(new AccountBusyError(), { method: 'eth_sendTransaction' }).message).toBe(busy)
  })

  it('a sent result has no error sentence', async () => {
    const { wallet, reader } = fresh()
    const result = await sendThroughPipeline(tab(wallet, reader), transferIntent())
    expect(result.kind).toBe('sent')
    expect(sendResultMessage(result)).toBeUndefined()
  })
})
