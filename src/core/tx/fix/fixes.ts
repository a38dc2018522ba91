import { type Address, getAddress } from 'viem'
import type { Fees } from '../../fees/presets'
import type { TxRecord } from '../records/records'
import { nextSend } from '../send/nextSend'
import type { TxIntent } from '../send/pipeline'
import { canReplace, type Original, sendAgainIntent, speedUpIntent } from '../send/replace'
import type { Diagnosis, DiagnosisAction } from './diagnosis'

type Base = Pick<TxIntent, 'consentToPublic' | 'acceptedDelegate'> &
  Partial<Pick<TxIntent, 'consentFor' | 'gapAcknowledged'>>

/**
 * What the one button of a diagnosis sends, as an intent for the one pipeline: a speed-up or a send again (with
 * the higher gas limit an out-of-gas diagnosis names) rebuilt from the original, or a filler at a missing nonce.
 */
export function fixIntent(
  record: TxRecord,
  action: Extract<DiagnosisAction, { kind: 'speed-up' | 'send-again' | 'fill-gap' }>,
  original: Original,
  fees: { speedUp: Fees; normal: Fees },
  base: Base,
): TxIntent {
  if (action.kind === 'fill-gap') return fillGapIntent(record, action.nonce, fees.normal, base)
  if (action.kind === 'speed-up') {
    const intent = speedUpIntent(record, original, fees.speedUp, base)
    return action.gas !== undefined ? { ...intent, gas: action.gas } : intent
  }
  // sendAgainIntent goes at least 20% over the attempt that failed (the same fees would be the same hash).
  const again = sendAgainIntent(record, original, fees.normal, base)
  return action.gas !== undefined ? { ...again, gas: action.gas } : again
}

/**
 * Marks a gap filler as data, so Protect does not take it for a cancellation: a 0-value self-transfer with at
 * most 2 bytes of data is one, and a cancellation at a nonce whose original expired is refused ("already
 * expired") or, with no original at Protect, sent to the public mempool. With 4 bytes it goes privately.
 */
export const gapFillerData = '0x68757368' as const // "hush"
// Room for EIP-7623's calldata floor (21,000 + 10 per calldata token; 21,100 was refused with GasFloorMoreThanGasLimit).
export const gapFillerGas = 25_000n

/** A transfer of 0 to yourself at a missing nonce: the cheapest private transaction that uses it. */
export function fillGapIntent(
  account: Pick<TxRecord, 'chainId' | 'from'>,
  nonce: number,
  fees: Fees,
  base: Base,
): TxIntent {
  const from = getAddress(account.from) as Address
  return {
    kind: 'cancel',
    chainId: account.chainId,
    from,
    call: { to: from, value: 0n, data: gapFillerData },
    gas: gapFillerGas,
    fees,
    recipient: from,
    fillNonce: nonce,
    ...base,
  }
}

/**
 * A fix not open now is not offered: no "send again" once another attempt of it was sent or while Protect may
 * still include it (the diagnosis then says why), no speed-up of a record already replaced (the pipeline would
 * refuse them too; the button should not be there).
 */
export function withoutSpentAction(
  diagnosis: Diagnosis,
  record: TxRecord,
  records: readonly TxRecord[],
): Diagnosis {
  const kind = diagnosis.action?.kind
  const next = kind === 'send-again' ? nextSend(record, records) : undefined
  const spent = (next !== undefined && next.kind !== 'again') || (kind === 'speed-up' && !canReplace(record))
  if (!spent) return diagnosis
  const { action: _, ...rest } = diagnosis
  return next?.kind === 'wait' ? { ...rest, text: `${rest.text} ${next.reason}` } : rest
}
