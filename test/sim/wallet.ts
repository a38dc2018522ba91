import { type Address, type Hex, hexToBigInt, hexToNumber, numberToHex } from 'viem'
import type { Eip1193Request } from '../../src/core/protect/detect'
import type { Chain, SimTx } from './chain'
import type { Relay } from './relay'

export type Protection = 'protected' | 'not-protected' | 'unknown'
export type Decision = 'approve' | 'decline' | 'failBefore' | 'failAfter' | 'malformed'
export const decisions: readonly Decision[] = ['approve', 'decline', 'failBefore', 'failAfter', 'malformed']

/** A wallet prompt for eth_sendTransaction, held until the user (a command) decides. */
export type Prompt = {
  id: number
  tab: number
  from: Address
  to: Address
  value: bigint
  input: Hex
  requestedNonce: number
  /** The wallet's protection when the request arrived (the consent invariant reads it). */
  protectionAtRequest: Protection
  /** The stored intent this prompt is for (set by the invariants when they find it in storage). */
  recordId?: string
  /** wallet_sendCalls (EIP-5792): the calls of an atomic batch; the wallet picks the nonce and answers an id. */
  calls?: SimCall[]
  resolve: (hash: unknown) => void
  reject: (error: unknown) => void
}

export type WalletHooks = {
  onPrompt: (prompt: Prompt) => void
  onBroadcast: (tx: SimTx, prompt: Prompt) => void
  /** Whether the tab that asked is still open: a closed tab never gets its answer. */
  tabAlive: (tab: number) => boolean
}

export type SimCall = { to: Address; value: bigint; data?: Hex }
/** How the wallet answers wallet_getCallsStatus: by what happened, "unknown bundle id" (5730), or an RPC error. */
export type CallsStatusMode = 'ok' | 'unknown' | 'down'

const rejected = (code: number, message: string) => Object.assign(new Error(message), { code })

/**
 * One browser wallet shared by every tab: answers the Protect probe by its current RPC, holds send prompts
 * until decided, and (like MetaMask, when `ownNonces`) may pick its own nonce from its own pending transactions.
 */
export class Wallet {
  protection: Protection = 'protected'
  callsStatusMode: CallsStatusMode = 'ok'
  /** Atomic batches by calls id: the transaction the wallet sent for it, if any. */
  private readonly callsIds = new Map<string, SimTx | undefined>()
  /** The account and chain the user has selected in the wallet now (the user may switch them at any moment). */
  account: Address
  chainId: number
  readonly prompts: Prompt[] = []
  private readonly sent: SimTx[] = []
  private nextPrompt = 0

  constructor(
    private readonly chain: Chain,
    private readonly relay: Relay,
    private readonly hooks: WalletHooks,
    readonly ownNonces: boolean,
    private readonly paymentOf: (to: Address, value: bigint) => string,
    home: { account: Address; chainId: number },
    private readonly paymentOfCalls: (calls: readonly SimCall[]) => string = () => 'other',
  ) {
    this.account = home.account
    this.chainId = home.chainId
  }

  provider(tab: number): Eip1193Request {
    return async ({ method, params }) => {
      if (method === 'eth_chainId') return numberToHex(this.chainId)
      if (method === 'eth_call') {
        if (this.protection === 'protected') return `0x${'1'.padStart(64, '0')}`
        if (this.protection === 'not-protected') return '0x'
        throw new Error('The request timed out')
      }
      if (method === 'eth_getTransactionByHash') return null
      if (method === 'wallet_getCallsStatus') return this.callsStatus(String(params?.[0]))
      const calls = method === 'wallet_sendCalls' ? readCalls(params?.[0]) : undefined
      if (method !== 'eth_sendTransaction' && !calls) throw rejected(4200, `unsupported ${method}`)
      const p = (params?.[0] ?? {}) as Record<string, Hex>
      // As MetaMask: a request for another account than the one selected, or naming another chain, is refused
      // before any prompt. An open prompt keeps the account and chain it was asked on.
      if (p.from?.toLowerCase() !== this.account.toLowerCase())
        throw rejected(4100, 'The requested account and/or method has not been authorized by the user.')
      if (p.chainId !== undefined && hexToNumber(p.chainId) !== this.chainId)
        throw rejected(
          -32602,
          `Invalid parameters: chainId ${hexToNumber(p.chainId)} is not the active chain.`,
        )
      return await new Promise((resolve, reject) => {
        const prompt: Prompt = {
          id: this.nextPrompt++,
          tab,
          from: p.from as Address,
          to: p.to as Address,
          value: hexToBigInt(p.value ?? '0x0'),
          input: (p.data ?? '0x') as Hex,
          requestedNonce: hexToNumber(p.nonce ?? '0x0'),
          protectionAtRequest: this.protection,
          ...(calls ? { calls, to: p.from as Address, value: 0n, input: encodeCalls(calls) } : {}),
          resolve,
          reject,
        }
        this.prompts.push(prompt)
        this.hooks.onPrompt(prompt)
      })
    }
  }

  /** The user answers a prompt; the answer reaches the tab only if it is still open. */
  decide(index: number, decision: Decision): { prompt: Prompt; tx?: SimTx } | undefined {
    const prompt = this.prompts.splice(index % Math.max(1, this.prompts.length), 1)[0]
    if (!prompt) return undefined
    const broadcasts = decision === 'approve' || decision === 'failAfter' || decision === 'malformed'
    const tx = broadcasts ? this.broadcast(prompt) : undefined
    if (!this.hooks.tabAlive(prompt.tab)) return { prompt, ...(tx ? { tx } : {}) }
    if (decision === 'approve' && tx) prompt.resolve(prompt.calls ? { id: this.callsIdOf(tx) } : tx.hash)
    else if (decision === 'malformed') prompt.resolve(prompt.calls ? { id: null } : '0x1234')
    else if (decision === 'decline') prompt.reject(rejected(4001, 'User rejected the request.'))
    else prompt.reject(rejected(-32603, 'Internal JSON-RPC error.'))
    return { prompt, ...(tx ? { tx } : {}) }
  }

  private broadcast(prompt: Prompt): SimTx {
    const pending = this.sent.filter((t) => t.from === prompt.from && this.relay.mayInclude(t))
    const own = Math.max(this.chain.count(prompt.from), ...pending.map((t) => t.nonce + 1))
    const tx: SimTx = {
      hash: this.chain.newHash(),
      from: prompt.from,
      // wallet_sendCalls carries no nonce: the wallet always picks it.
      nonce: this.ownNonces || prompt.calls ? own : prompt.requestedNonce,
      requestedNonce: prompt.requestedNonce,
      to: prompt.to,
      value: prompt.value,
      input: prompt.input,
      route: this.protection === 'protected' ? 'private' : 'public',
      payment: prompt.calls ? this.paymentOfCalls(prompt.calls) : this.paymentOf(prompt.to, prompt.value),
      ...(prompt.recordId ? { recordId: prompt.recordId } : {}),
    }
    this.sent.push(tx)
    this.hooks.onBroadcast(tx, prompt)
    this.relay.submit(tx)
    return tx
  }

  private callsIdOf(tx: SimTx): string {
    const id = `calls-${tx.hash.slice(-6)}`
    this.callsIds.set(id, tx)
    return id
  }

  /** EIP-5792 v2 codes: 100 pending, 200 confirmed (with the receipt), 400 failed off chain (dropped unincluded). */
  private callsStatus(id: string) {
    if (this.callsStatusMode === 'down') throw rejected(-32603, 'Internal JSON-RPC error.')
    const tx = this.callsIds.get(id)
    if (this.callsStatusMode === 'unknown' || !tx) throw rejected(5730, 'Unknown bundle id.')
    const inc = this.chain.inclusion(tx.hash)
    if (inc)
      return {
        version: '2.0.0',
        id,
        status: 200,
        atomic: true,
        receipts: [{ transactionHash: tx.hash, blockNumber: `0x${inc.block.toString(16)}`, status: '0x1' }],
      }
    return { version: '2.0.0', id, status: this.relay.mayInclude(tx) ? 100 : 400, atomic: true }
  }

  allSent(): readonly SimTx[] {
    return this.sent
  }
}

function readCalls(param: unknown): SimCall[] | undefined {
  const calls = (param as { calls?: { to: Address; value?: Hex; data?: Hex }[] } | undefined)?.calls
  return calls?.map((c) => ({
    to: c.to,
    value: hexToBigInt(c.value ?? '0x0'),
    ...(c.data ? { data: c.data } : {}),
  }))
}

/** The wallet's own encoding of a batch (as EIP-7702 execute would carry it): each target, value and data. */
export function encodeCalls(calls: readonly SimCall[]): Hex {
  const parts = calls.map(
    (c) =>
      `${c.to.slice(2).toLowerCase()}${c.value.toString(16).padStart(64, '0')}${(c.data ?? '0x').slice(2)}`,
  )
  return `0xe9ae5c53${parts.join('')}` as Hex
}
