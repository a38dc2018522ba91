import { hexToBigInt, isHex, toFunctionSelector } from 'viem'

/** Protect's RPC server intercepts an eth_call of isFlashRPC() to this address and answers true. */
export const flashRpcProbeAddress = '0xf1a54b0759b58661cea17cff19dd37940a9b5f1a'
export const isFlashRpcSelector = toFunctionSelector('isFlashRPC()')

export type ProtectionState = 'protected' | 'not-protected' | 'unknown'
export type Eip1193Request = (args: { method: string; params?: unknown[] }) => Promise<unknown>

/**
 * Asks the WALLET's own RPC whether it is Flashbots Protect. It must be the connector's provider: the app's
 * read transports say nothing about where the wallet broadcasts.
 */
export async function detectProtection(request: Eip1193Request): Promise<ProtectionState> {
  let result: unknown
  try {
    result = await request({
      method: 'eth_call',
      params: [{ to: flashRpcProbeAddress, data: isFlashRpcSelector }, 'latest'],
    })
  } catch (error) {
    return isRevert(error) ? 'not-protected' : 'unknown'
  }
  return decodeFlashRpcResult(result)
}

/** `0x…01` is true; empty, zero or any other well-formed hex is an ordinary node; garbage is unknown. */
export function decodeFlashRpcResult(result: unknown): ProtectionState {
  if (result === null || result === undefined || result === '0x' || result === '') return 'not-protected'
  if (typeof result !== 'string' || !isHex(result)) return 'unknown'
  return hexToBigInt(result) === 1n ? 'protected' : 'not-protected'
}

/** A node that executed the call and reverted answered the question ("not Protect"); anything else did not. */
function isRevert(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 8; depth++) {
    const { code, message, data } = e as { code?: unknown; message?: unknown; data?: unknown }
    if (code === 3) return true
    if (typeof message === 'string' && /execution reverted|\brevert(ed)?\b/i.test(message)) return true
    if (typeof data === 'string' && data.startsWith('0x08c379a0')) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}
