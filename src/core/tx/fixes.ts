import { type Address, getAddress } from 'viem'
import { bumpedFees, type Fees } from '../fees/presets'
import type { DiagnosisAction } from './diagnosis'
import type { ActivityRecord } from './records'
import { resendInput, speedUpInput } from './replace'
import type { SubmitInput } from './submit'

/**
 * What the one button of a diagnosis sends, as input for the one send path: a speed-up or a send again (with
 * the higher gas limit an out-of-gas diagnosis names), or a cancel at a missing nonce that fills a gap.
 * undefined when the record cannot be rebuilt (the button then says so instead of sending anything).
 */
export function fixInput(
  record: ActivityRecord,
  action: Extract<DiagnosisAction, { kind: 'speed-up' | 'send-again' | 'fill-gap' }>,
  fees: { speedUp: Fees; normal: Fees },
): SubmitInput | undefined {
  if (action.kind === 'fill-gap') return fillGapInput(record, action.nonce, fees.normal, record.protected)
  const input =
    action.kind === 'speed-up'
      ? speedUpInput(record, fees.speedUp, record.protected)
      : resendInput(record, fees.normal, record.protected)
  if (!input) return undefined
  // Sent again at the same nonce with the same fees, it would be the same signed transaction, the same hash,
  // which Protect already reports FAILED: at least 20% over the attempt that failed (or the current fees).
  if (action.kind === 'send-again') {
    const old = record.fees
      ? {
          maxFeePerGas: BigInt(record.fees.maxFeePerGas),
          maxPriorityFeePerGas: BigInt(record.fees.maxPriorityFeePerGas),
        }
      : fees.normal
    const again = { ...input, fees: bumpedFees(old, fees.normal) }
    return action.gas !== undefined ? { ...again, gas: action.gas } : again
  }
  return action.gas !== undefined ? { ...input, gas: action.gas } : input
}

/**
 * Marks a gap filler as data, so Protect does not take it for a cancellation: a 0-value self-transfer with at
 * most 2 bytes of data is one, and a cancellation at a nonce whose original expired is refused ("already
 * expired") or, with no original at Protect, sent to the public mempool. With 4 bytes it goes privately.
 */
export const gapFillerData = '0x68757368' as const // "hush"
export const gapFillerGas = 21_100n

/** A transfer of 0 to yourself at a missing nonce: the cheapest private transaction that uses it. */
export function fillGapInput(
  account: Pick<ActivityRecord, 'chainId' | 'from'>,
  nonce: number,
  fees: Fees,
  isProtected: boolean,
): SubmitInput {
  const from = getAddress(account.from) as Address
  return {
    kind: 'cancel',
    chainId: account.chainId,
    from,
    call: { to: from, value: 0n, data: gapFillerData },
    gas: gapFillerGas,
    fees,
    protected: isProtected,
    recipient: from,
    nonce,
  }
}
