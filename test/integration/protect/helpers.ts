import { createPublicClient, type Hex, http, keccak256, parseGwei } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { devPrivateKey } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { upstreamClient } from '../../../tools/protect/upstream'

export function nodeClient(url: string) {
  return createPublicClient({ chain: devChain(url), transport: http(url, { retryCount: 0 }), cacheTime: 0 })
}

/** Signs locally (the hash is known before anything is sent, so watchers can start first). */
export async function signTransfer(
  nodeUrl: string,
  account: number,
  tx: {
    to: Hex
    value: bigint
    nonce?: number
    maxFeePerGas?: bigint
    maxPriorityFeePerGas?: bigint
    data?: Hex
    gas?: bigint
    chainId?: number
  },
): Promise<{ raw: Hex; hash: Hex; nonce: number }> {
  const signer = privateKeyToAccount(devPrivateKey(account))
  const client = nodeClient(nodeUrl)
  const nonce =
    tx.nonce ?? (await client.getTransactionCount({ address: signer.address, blockTag: 'latest' }))
  const raw = await signer.signTransaction({
    chainId: tx.chainId ?? 31337,
    type: 'eip1559',
    to: tx.to,
    value: tx.value,
    ...(tx.data ? { data: tx.data } : {}),
    nonce,
    gas: tx.gas ?? 21_000n,
    maxFeePerGas: tx.maxFeePerGas ?? parseGwei('20'),
    maxPriorityFeePerGas: tx.maxPriorityFeePerGas ?? parseGwei('1'),
  })
  return { raw, hash: keccak256(raw), nonce }
}

/** Signs a transfer at a 1 wei fee, below any base fee: no block takes it, so Protect holds it PENDING. */
export function signStuckTransfer(nodeUrl: string, account: number, to: Hex, value: bigint) {
  return signTransfer(nodeUrl, account, { to, value, maxFeePerGas: 1n, maxPriorityFeePerGas: 1n })
}

export async function rpcAt(url: string, method: string, params: unknown[] = []) {
  return await upstreamClient(url).raw({ jsonrpc: '2.0', id: 1, method, params })
}

export async function statusOf(statusUrl: string, hash: Hex) {
  const res = await fetch(`${statusUrl}${hash}`)
  return (await res.json()) as {
    status: string
    hash: string
    maxBlockNumber: number
    transaction: Record<string, string>
    fastMode: boolean
    seenInMempool: boolean
    simError: string
    revertReason: string
  }
}
