import { type Address, createClient, custom, type Hex } from 'viem'
import type { Clock } from '../../src/core/clock/clock'
import type { EndpointSession, SessionOptions, SessionResult } from '../../src/core/rpc/session'
import type { PipelineReader } from '../../src/core/tx/send/pipeline'
import type { ChainReads } from '../../src/core/tx/track/evidence'
import type { Chain, SimTx } from './chain'
import type { Relay } from './relay'

/** A read endpoint's faults: blocks behind, down, failing receipt reads, or hung (no answer until the time-out). */
export type EndpointFaults = { lag: number; down: boolean; receiptFails: boolean; hang: boolean }
export const healthy = (): EndpointFaults => ({ lag: 0, down: false, receiptFails: false, hang: false })

/** The app's RPC pool gives up on a request after this long (src/core/rpc/pool.ts): a hung endpoint costs it. */
export const hungTimeoutMs = 1_500

/** Delivers an answer later, in an order the schedule picks (and never to a closed tab). */
export type Answer = <T>(label: string, compute: () => T) => Promise<T>

const hex = (n: number | bigint) => `0x${n.toString(16)}`

/** Two public read endpoints over the simulated chain: they see public pending transactions, never private ones. */
export class Endpoints {
  readonly faults: Record<string, EndpointFaults> = { a: healthy(), b: healthy() }

  constructor(
    private readonly chain: Chain,
    private readonly relay: Relay,
    private readonly clock: Clock,
  ) {}

  /** A request to a hung endpoint: nothing until the time-out on the fake clock, then a time-out error. */
  private async hung(id: string, method: string): Promise<never> {
    await new Promise<void>((resolve) => this.clock.setTimeout(resolve, hungTimeoutMs))
    throw new Error(`endpoint ${id}: ${method} timed out after ${hungTimeoutMs} ms`)
  }

  private seen(id: string): number {
    return Math.max(0, this.chain.head - (this.faults[id]?.lag ?? 0))
  }

  private rpcTx(tx: SimTx, block: number | null) {
    return {
      hash: tx.hash,
      from: tx.from,
      to: tx.to,
      nonce: hex(tx.nonce),
      value: hex(tx.value),
      input: tx.input,
      blockNumber: block === null ? null : hex(block),
    }
  }

  /** One JSON-RPC answer of endpoint `id`; throws like a failing endpoint. */
  request(id: string, method: string, params: unknown[] = []): unknown {
    const f = this.faults[id] ?? healthy()
    if (f.down) throw new Error(`endpoint ${id} is down`)
    const head = this.seen(id)
    if (method === 'eth_blockNumber') return hex(head)
    if (method === 'eth_getTransactionByHash' || method === 'eth_getTransactionReceipt') {
      const inc = this.chain.inclusion(params[0] as string)
      if (inc && inc.block <= head) {
        if (method === 'eth_getTransactionByHash') return this.rpcTx(inc.tx, inc.block)
        if (f.receiptFails) throw new Error(`endpoint ${id}: receipt read failed`)
        return {
          transactionHash: inc.tx.hash,
          blockNumber: hex(inc.block),
          blockHash: `0x${inc.block.toString(16).padStart(64, 'b')}`,
          status: '0x1',
          gasUsed: '0x5208',
          effectiveGasPrice: '0x3b9aca00',
        }
      }
      const pending = this.relay.publicPending(params[0] as string)
      return method === 'eth_getTransactionByHash' && pending ? this.rpcTx(pending, null) : null
    }
    if (method === 'eth_getTransactionCount') {
      const [address, tag] = params as [Address, string]
      const mined = this.chain.count(address, tag === 'latest' || tag === 'pending' ? head : Number(tag))
      if (tag !== 'pending') return hex(mined)
      const pool = new Set(this.relay.publicPendingFrom(address).map((t) => t.nonce))
      let n = mined
      while (pool.has(n)) n++
      return hex(n)
    }
    throw new Error(`endpoint ${id}: ${method} not simulated`)
  }

  /** The tracker's side: sessions on one endpoint, failing over to the next as the real pool does. */
  chainReads(answer: Answer): ChainReads & { readEndpointCount: () => number } {
    const ids = Object.keys(this.faults)
    const session = (id: string): EndpointSession => {
      const request = async ({ method, params }: { method: string; params?: unknown }) => {
        if (this.faults[id]?.hang) await this.hung(id, method)
        return await answer(`${id}.${method}`, () => this.request(id, method, (params as unknown[]) ?? []))
      }
      return {
        endpointId: id,
        endpointName: id,
        request,
        client: createClient({ transport: custom({ request }, { retryCount: 0 }) }),
        head: async () => BigInt((await request({ method: 'eth_blockNumber' })) as string),
        checkBlock: () => undefined,
        checkChain: () => undefined,
      }
    }
    return {
      async withEndpoint<T>(
        fn: (s: EndpointSession) => Promise<T>,
        options: SessionOptions = {},
      ): Promise<SessionResult<T>> {
        let last: unknown = new Error('no endpoint to ask')
        for (const id of ids.filter((i) => !options.exclude?.includes(i))) {
          try {
            return { value: await fn(session(id)), endpointId: id, endpointName: id }
          } catch (error) {
            if ((error as { endpointId?: string }).endpointId) throw error
            last = error
          }
        }
        throw last
      },
      healthyEndpoints: () => ids.filter((i) => !this.faults[i]?.down).map((i) => ({ id: i, name: i })),
      readEndpointCount: () => ids.length,
    }
  }

  /** The pipeline's and the intent resolver's reader: the first endpoint that answers. */
  reader(answer: Answer): PipelineReader & { getTransaction: (a: { hash: Hex }) => Promise<unknown> } {
    const first = (ids: string[], method: string, params: unknown[]) => {
      let last: unknown
      for (const id of ids) {
        try {
          return this.request(id, method, params)
        } catch (error) {
          last = error
        }
      }
      throw last
    }
    const ask = async (method: string, params: unknown[] = []): Promise<unknown> => {
      const ids = Object.keys(this.faults)
      if (!ids.some((id) => this.faults[id]?.hang))
        return await answer(`reader.${method}`, () => first(ids, method, params))
      // Endpoint by endpoint, in order: a hung one costs the time-out before the next is asked.
      let last: unknown
      for (const id of ids) {
        try {
          if (this.faults[id]?.hang) await this.hung(id, method)
          return await answer(`reader.${id}.${method}`, () => first([id], method, params))
        } catch (error) {
          last = error
        }
      }
      throw last
    }
    const reader = {
      getBlockNumber: async () => BigInt((await ask('eth_blockNumber')) as string),
      getTransactionCount: async (a: { address: Address; blockTag?: string; blockNumber?: bigint }) =>
        Number(
          (await ask('eth_getTransactionCount', [
            a.address,
            a.blockNumber !== undefined ? Number(a.blockNumber) : (a.blockTag ?? 'latest'),
          ])) as string,
        ),
      getBlock: async (a: { blockNumber: bigint }) =>
        await answer('reader.getBlock', () => ({
          transactions: this.chain.block(Number(a.blockNumber)).map((t) => ({ ...t, input: t.input })),
        })),
      // Simulated accounts are plain: no code, so no EIP-7702 delegation.
      getCode: async () => undefined,
      // A batch step's Resume reads the receipt of an attempt found at its nonce (nextSend's lookAtAttempt).
      getTransactionReceipt: async (a: { hash: Hex }) =>
        await answer('reader.getTransactionReceipt', () => {
          const inc = this.chain.inclusion(a.hash)
          if (!inc) throw new Error('receipt not found')
          return { transactionHash: inc.tx.hash, blockNumber: BigInt(inc.block), status: 'success' }
        }),
      getTransaction: async (a: { hash: Hex }) =>
        await answer('reader.getTransaction', () => {
          const inc = this.chain.inclusion(a.hash)
          if (!inc) throw new Error('transaction not found')
          return {
            ...inc.tx,
            gas: 21_000n,
            maxFeePerGas: 2_000_000_000n,
            maxPriorityFeePerGas: 1_000_000_000n,
          }
        }),
    }
    return reader as unknown as PipelineReader & { getTransaction: (a: { hash: Hex }) => Promise<unknown> }
  }
}
