import type { Page } from '@playwright/test'
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  hexToBigInt,
  http,
  numberToHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { devPrivateKey } from '../../../tools/devnet/accounts'
import { type InjectedOptions, installInjectedWallet } from './injected'

export type WalletRequest = { method: string; params: unknown[]; at: number }
export type WalletError = { code: number; message: string; data?: unknown }
export type ApprovalPolicy = 'approve' | 'reject' | 'manual'

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message)
  }
}

/** Methods a real wallet asks the user about; everything else is answered or forwarded silently. */
const approvalMethods = new Set(['eth_sendTransaction', 'wallet_sendCalls', 'wallet_addEthereumChain'])

export type TestWalletOptions = {
  accounts: number[]
  chains: Record<number, string>
  chainId: number
  rdns?: string
  name?: string
  asWindowEthereum?: boolean
  /** Like current MetaMask: wallet_addEthereumChain for a known chain makes the given URL its default RPC. */
  adoptAddedRpc?: boolean
}

type Extension = (wallet: TestWallet, method: string, params: unknown[]) => Promise<unknown> | undefined

/**
 * A wallet for e2e tests, backed by Anvil dev keys. It signs locally with viem and broadcasts through the RPC
 * URL it has for the chain, tracking its own nonces the way MetaMask does (private transactions are not
 * visible to eth_getTransactionCount on public nodes).
 */
export class TestWallet {
  readonly requests: WalletRequest[] = []
  policy: ApprovalPolicy = 'approve'
  accountIndex = 0
  connected = false
  chainId: number
  readonly rpcUrls: Map<number, string>
  private readonly nextNonce = new Map<string, number>()
  private readonly waiting: Array<{ method: string; resolve: (ok: boolean) => void }> = []
  private readonly extensions: Extension[] = []
  private page: Page | undefined
  readonly bindingName = '__hushTestWallet'

  constructor(readonly options: TestWalletOptions) {
    this.chainId = options.chainId
    this.rpcUrls = new Map(Object.entries(options.chains).map(([id, url]) => [Number(id), url]))
  }

  get address(): Address {
    return this.account.address
  }

  get account() {
    const index = this.options.accounts[this.accountIndex]
    if (index === undefined) throw new Error('no such test account')
    return privateKeyToAccount(devPrivateKey(index))
  }

  extend(extension: Extension): void {
    this.extensions.push(extension)
  }

  async attach(page: Page): Promise<void> {
    this.page = page
    await page.exposeFunction(this.bindingName, async (raw: string) => {
      const { method, params } = JSON.parse(raw) as { method: string; params: unknown[] }
      this.requests.push({ method, params, at: Date.now() })
      try {
        return JSON.stringify({ result: await this.handle(method, params) })
      } catch (error) {
        const e = error as Partial<RpcError>
        return JSON.stringify({
          error: { code: e.code ?? -32603, message: e.message ?? String(error), data: e.data },
        })
      }
    })
    const injected: InjectedOptions = {
      rdns: this.options.rdns ?? 'dev.hush.testwallet',
      name: this.options.name ?? 'Hush Test Wallet',
      icon: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"%3E%3Crect width="8" height="8" fill="%234338ca"/%3E%3C/svg%3E',
      bindingName: this.bindingName,
      asWindowEthereum: this.options.asWindowEthereum ?? true,
    }
    await page.addInitScript(installInjectedWallet, injected)
  }

  /** Requests of one kind (or all) the page has made so far. */
  count(method?: string): number {
    return method ? this.requests.filter((r) => r.method === method).length : this.requests.length
  }

  /** With policy 'manual', resolves the oldest waiting approval. */
  async decide(approve: boolean): Promise<void> {
    const deadline = Date.now() + 10_000
    while (this.waiting.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25))
    const next = this.waiting.shift()
    if (!next) throw new Error('no wallet request is waiting for approval')
    next.resolve(approve)
  }

  pendingApprovals(): number {
    return this.waiting.length
  }

  async switchAccount(index: number): Promise<void> {
    this.accountIndex = index
    await this.emit('accountsChanged', [this.address])
  }

  async switchChain(chainId: number): Promise<void> {
    this.chainId = chainId
    await this.emit('chainChanged', numberToHex(chainId))
  }

  rpcUrl(chainId = this.chainId): string {
    const url = this.rpcUrls.get(chainId)
    if (!url) throw new RpcError(4902, `Unrecognized chain ID ${numberToHex(chainId)}`)
    return url
  }

  private async emit(event: string, payload: unknown): Promise<void> {
    await this.page?.evaluate(
      ([name, ev, data]) => {
        const fn = (window as unknown as Record<string, (e: string, p: unknown) => void>)[`${name}Emit`]
        fn?.(ev as string, data)
      },
      [this.bindingName, event, payload] as const,
    )
  }

  /** Waits for the user's decision as the policy says (public so extensions such as atomic.ts share it). */
  async approve(method: string): Promise<void> {
    if (this.policy === 'reject') throw new RpcError(4001, 'User rejected the request.')
    if (this.policy === 'manual') {
      const ok = await new Promise<boolean>((resolve) => this.waiting.push({ method, resolve }))
      if (!ok) throw new RpcError(4001, 'User rejected the request.')
    }
  }

  async handle(method: string, params: unknown[]): Promise<unknown> {
    for (const ext of this.extensions) {
      const handled = ext(this, method, params)
      if (handled !== undefined) return await handled
    }
    if (approvalMethods.has(method)) await this.approve(method)
    switch (method) {
      case 'eth_requestAccounts':
        this.connected = true
        return [this.address]
      case 'eth_accounts':
        return this.connected ? [this.address] : []
      case 'wallet_requestPermissions':
        this.connected = true
        return [{ parentCapability: 'eth_accounts', caveats: [] }]
      case 'wallet_getPermissions':
        return this.connected ? [{ parentCapability: 'eth_accounts', caveats: [] }] : []
      case 'wallet_revokePermissions':
        this.connected = false
        return null
      case 'eth_chainId':
        return numberToHex(this.chainId)
      case 'net_version':
        return String(this.chainId)
      case 'wallet_switchEthereumChain': {
        const chainId = Number((params[0] as { chainId: Hex }).chainId)
        this.rpcUrl(chainId)
        await this.switchChain(chainId)
        return null
      }
      case 'wallet_addEthereumChain':
        return await this.addChain(params[0] as { chainId: Hex; rpcUrls: string[] })
      case 'eth_sendTransaction':
        return await this.sendTransaction(params[0] as TxParams)
      case 'eth_sign':
      case 'personal_sign':
      case 'eth_signTypedData_v4':
        throw new RpcError(4200, `${method} is not supported by the test wallet`)
      default:
        return await this.forward(method, params)
    }
  }

  private async addChain(param: { chainId: Hex; rpcUrls: string[] }): Promise<null> {
    const chainId = Number(param.chainId)
    const url = param.rpcUrls[0]
    if (!url) throw new RpcError(-32602, 'rpcUrls is empty')
    if (!this.rpcUrls.has(chainId) || this.options.adoptAddedRpc !== false) this.rpcUrls.set(chainId, url)
    return null
  }

  async forward(method: string, params: unknown[], chainId = this.chainId): Promise<unknown> {
    const res = await fetch(this.rpcUrl(chainId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    })
    const body = (await res.json()) as { result?: unknown; error?: WalletError }
    if (body.error) throw new RpcError(body.error.code, body.error.message, body.error.data)
    return body.result
  }

  /** Like MetaMask: the highest of the node's pending count and the wallet's own next nonce. */
  async reserveNonce(address: Address): Promise<number> {
    const key = `${this.chainId}:${address.toLowerCase()}`
    const onChain = Number(await this.forward('eth_getTransactionCount', [address, 'pending']))
    const nonce = Math.max(onChain, this.nextNonce.get(key) ?? 0)
    this.nextNonce.set(key, nonce + 1)
    return nonce
  }

  /** A wallet whose sent transaction was dropped forgets its reserved nonces, as MetaMask does. */
  resetNonces(): void {
    this.nextNonce.clear()
  }

  clients(chainId = this.chainId) {
    const chain = defineChain({
      id: chainId,
      name: `chain ${chainId}`,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [this.rpcUrl(chainId)] } },
    })
    const transport = http(this.rpcUrl(chainId), { retryCount: 0 })
    return {
      publicClient: createPublicClient({ chain, transport }),
      walletClient: createWalletClient({ chain, transport, account: this.account }),
    }
  }

  private async sendTransaction(tx: TxParams): Promise<Hex> {
    if (tx.from && tx.from.toLowerCase() !== this.address.toLowerCase()) {
      throw new RpcError(4100, `The requested account ${tx.from} has not been authorized`)
    }
    // Like MetaMask: a transaction naming another chain than the wallet's current one is refused.
    if (tx.chainId !== undefined && Number(tx.chainId) !== this.chainId)
      throw new RpcError(
        -32602,
        `Invalid chainId ${tx.chainId}: the wallet is on ${numberToHex(this.chainId)}`,
      )
    const { walletClient } = this.clients()
    const nonce = tx.nonce !== undefined ? Number(tx.nonce) : await this.reserveNonce(this.address)
    const request = await walletClient.prepareTransactionRequest({
      to: tx.to ?? null,
      value: tx.value ? hexToBigInt(tx.value) : undefined,
      data: tx.data ?? tx.input,
      gas: tx.gas ? hexToBigInt(tx.gas) : undefined,
      maxFeePerGas: tx.maxFeePerGas ? hexToBigInt(tx.maxFeePerGas) : undefined,
      maxPriorityFeePerGas: tx.maxPriorityFeePerGas ? hexToBigInt(tx.maxPriorityFeePerGas) : undefined,
      nonce,
      chain: walletClient.chain,
      account: this.account,
    })
    const signed = await walletClient.signTransaction(
      request as Parameters<typeof walletClient.signTransaction>[0],
    )
    return (await this.forward('eth_sendRawTransaction', [signed])) as Hex
  }
}

export type TxParams = {
  from?: Address
  to?: Address
  value?: Hex
  data?: Hex
  input?: Hex
  gas?: Hex
  maxFeePerGas?: Hex
  maxPriorityFeePerGas?: Hex
  nonce?: Hex
  chainId?: Hex
}
