import { hexToBigInt, isHex, toFunctionSelector } from 'viem'
import { isRevert } from '../errors/predicates'

/** Protect's RPC server intercepts an eth_call of isFlashRPC() to this address and answers true. */
export const flashRpcProbeAddress = '0xf1a54b0759b58661cea17cff19dd37940a9b5f1a'
export const isFlashRpcSelector = toFunctionSelector('isFlashRPC()')

/** What the probe answered. */
export type ProbeAnswer = 'protected' | 'not-protected' | 'unknown'
/** The probe's answer, or 'route-unknown': a connection whose probe says nothing about the route (route.ts). */
export type ProtectionState = ProbeAnswer | 'route-unknown'
export type Eip1193Request = (args: { method: string; params?: unknown[] }) => Promise<unknown>

/**
 * Asks the WALLET's own RPC whether it is Flashbots Protect. It must be the connector's provider: the app's
 * read transports say nothing about where the wallet broadcasts.
 */
export async function detectProtection(request: Eip1193Request): Promise<ProbeAnswer> {
  let result: unknown
  try {
    result = await request({
      method: 'eth_call',
      params: [{ to: flashRpcProbeAddress, data: isFlashRpcSelector }, 'latest'],
    })
  } catch (error) {
    // A node that executed the call and reverted answered the question ("not Protect"); anything else did not.
    return isRevert(error) ? 'not-protected' : 'unknown'
  }
  return decodeFlashRpcResult(result)
}

/** `0x…01` is true; empty, zero or any other well-formed hex is an ordinary node; garbage is unknown. */
export function decodeFlashRpcResult(result: unknown): ProbeAnswer {
  if (result === null || result === undefined || result === '0x' || result === '') return 'not-protected'
  if (typeof result !== 'string' || !isHex(result)) return 'unknown'
  return hexToBigInt(result) === 1n ? 'protected' : 'not-protected'
}
