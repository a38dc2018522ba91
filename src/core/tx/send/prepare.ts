import { type Address, encodeFunctionData, erc20Abi, type Hex, type PublicClient } from 'viem'
import { classifyError } from '../../errors/classify'

export type Asset = { symbol: string; decimals: number; address?: Address }

export type Call = { to: Address; value: bigint; data?: Hex }

/** The on-chain call for a transfer: a plain value transfer for the native currency, ERC-20 transfer otherwise. */
export function transferCall(asset: Asset, recipient: Address, amount: bigint): Call {
  if (!asset.address) return { to: recipient, value: amount }
  return {
    to: asset.address,
    value: 0n,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [recipient, amount] }),
  }
}

export type Simulation =
  | { ok: true; gas: bigint }
  | { ok: false; kind: 'reverted'; message: string }
  | { ok: false; kind: 'unreadable'; message: string }

type Reader = Pick<PublicClient, 'call' | 'estimateGas'>

/**
 * Simulate first (scaffold-eth's "simulate before write"): eth_call the exact call, then estimate gas. A
 * revert is final (its decoded reason is shown and Send stays disabled); a read failure is not a revert.
 */
export async function simulateCall(client: Reader, from: Address, call: Call): Promise<Simulation> {
  try {
    await client.call({ account: from, to: call.to, value: call.value, data: call.data })
    const gas = await client.estimateGas({ account: from, to: call.to, value: call.value, data: call.data })
    return { ok: true, gas }
  } catch (error) {
    const classified = classifyError(error, { method: 'eth_call' })
    if (classified.category === 'reverted' || classified.category === 'insufficient-funds')
      return { ok: false, kind: 'reverted', message: classified.message }
    return { ok: false, kind: 'unreadable', message: classified.message }
  }
}

/** Gas kept for an ETH transfer before the recipient is known: a plain transfer to an account. */
export const plainTransferGas = 21_000n

/** A little headroom over the estimate for contract calls (state can change before inclusion). */
export function gasWithHeadroom(estimate: bigint): bigint {
  return estimate <= 21_000n ? estimate : (estimate * 120n) / 100n
}
