import { type Address, getAddress } from 'viem'

/**
 * Every query key of the app, built only here. All start with 'hush'; a chain read continues with the chain
 * id, an account's read with the chain id and the checksummed address, so one prefix reaches every read of a
 * chain or of an account and invalidation never needs a predicate.
 */
export const queryKeys = {
  chain: (chainId: number) => ['hush', chainId] as const,
  account: (chainId: number, owner: Address) => ['hush', chainId, getAddress(owner)] as const,

  accountBalances: (chainId: number, owner: Address) =>
    [...queryKeys.account(chainId, owner), 'balances'] as const,
  balances: (chainId: number, owner: Address, tokens: readonly Address[]) =>
    [...queryKeys.accountBalances(chainId, owner), [...tokens].map((t) => getAddress(t)).sort()] as const,
  accountCode: (chainId: number, owner: Address) => [...queryKeys.account(chainId, owner), 'code'] as const,
  /** The sender's code read afresh for a review's delegation guard (kept apart from the Wallet page's read). */
  reviewAccountCode: (chainId: number, owner: Address) =>
    [...queryKeys.accountCode(chainId, owner), 'review'] as const,
  /** Which endpoints answer eth_simulateV1: probed once per session, so outside the chain's prefix (not refreshed). */
  simulationSupport: (chainId: number, endpointIds: readonly string[]) =>
    ['hush-capabilities', chainId, 'simulation-support', [...endpointIds].sort()] as const,
  /** Which endpoints list pending transactions (a pending filter kept and answered), probed once per session. */
  pendingSupport: (chainId: number, endpointIds: readonly string[]) =>
    ['hush-capabilities', chainId, 'pending-support', [...endpointIds].sort()] as const,
  /** Whether each WebSocket URL of the chain streams pending transactions, probed once per session. */
  webSocketSupport: (chainId: number, urls: readonly string[]) =>
    ['hush-capabilities', chainId, 'websocket-support', [...urls]] as const,
  /** Next nonce, balance and base fee at one block (diagnoses, nonce check). */
  accountState: (chainId: number, owner: Address) =>
    [...queryKeys.account(chainId, owner), 'account-state'] as const,
  simulation: (chainId: number, from: Address, call: { to: Address; value: bigint; data?: string }) =>
    [
      ...queryKeys.account(chainId, from),
      'simulate',
      getAddress(call.to),
      call.value,
      call.data ?? '0x',
    ] as const,
  batchSimulation: (
    chainId: number,
    from: Address,
    calls: readonly { to: Address; value: bigint; data?: string }[],
  ) =>
    [
      ...queryKeys.account(chainId, from),
      'simulate-batch',
      calls.map((c) => [getAddress(c.to), c.value, c.data ?? '0x'] as const),
    ] as const,

  /** The outcome preview of exact calls (eth_simulateV1 with transfer tracing, or the limited fallback). */
  outcomePreview: (
    chainId: number,
    from: Address,
    calls: readonly { to: Address; value: bigint; data?: string }[],
  ) =>
    [
      ...queryKeys.account(chainId, from),
      'outcome-preview',
      calls.map((c) => [getAddress(c.to), c.value, c.data ?? '0x'] as const),
    ] as const,

  /** Whether a stored record is known outside storage (chain or Protect) before an action on it. */
  recordCheck: (chainId: number, owner: Address, recordId: string, hash: string, status: string) =>
    [...queryKeys.account(chainId, owner), 'record-check', recordId, hash, status] as const,

  tokenMetadata: (chainId: number, token: Address) =>
    [...queryKeys.chain(chainId), 'token-metadata', getAddress(token)] as const,
  feePresets: (chainId: number) => [...queryKeys.chain(chainId), 'fee-presets'] as const,
  feesPerGas: (chainId: number) => [...queryKeys.chain(chainId), 'fees-per-gas'] as const,
  ensAddress: (chainId: number, name: string) =>
    [...queryKeys.chain(chainId), 'ens-address', name.toLowerCase()] as const,
  ensName: (chainId: number, address: Address) =>
    [...queryKeys.chain(chainId), 'ens-name', getAddress(address)] as const,
  ensAvatar: (chainId: number, name: string) =>
    [...queryKeys.chain(chainId), 'ens-avatar', name.toLowerCase()] as const,

  /** The wallet's own RPC (not ours): whether it is Flashbots Protect, per chain and connector. */
  allProtection: () => ['hush', 'protection'] as const,
  protection: (chainId: number, connectorUid: string) =>
    [...queryKeys.allProtection(), chainId, connectorUid] as const,
  /** The wallet's answer to wallet_getCapabilities, as the batch path (atomic or one by one). */
  batchPath: (chainId: number, connectorUid: string, account: Address) =>
    ['hush', 'batch-path', chainId, connectorUid, getAddress(account)] as const,
}

/** The persisted balances entries (restored before the first render, so validated on the way in). */
export const isBalancesKey = (key: readonly unknown[]) =>
  key[0] === 'hush' && typeof key[1] === 'number' && key[3] === 'balances'
