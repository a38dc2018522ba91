import type { Address } from 'viem'
import { bumpedFees, type FeePresets, type Fees, fetchFeePresets } from '../../core/fees/presets'
import { feeForUnseenUse } from '../../core/fees/unseen'
import type { Eip1193Request } from '../../core/protect/detect'
import type { DiagnosisAction } from '../../core/tx/fix/diagnosis'
import { fillGapIntent, fixIntent } from '../../core/tx/fix/fixes'
import type { TxRecord } from '../../core/tx/records/records'
import { type RebuildSources, rebuildOriginal } from '../../core/tx/send/replace'
import type { UnconsentedIntent } from './sender'
import { useSender } from './useSender'

export type SendingAction = Extract<DiagnosisAction, { kind: 'speed-up' | 'send-again' | 'fill-gap' }>

/** Whether a fix of this kind sends a transaction (through the pipeline), rather than showing or copying. */
export const isSendingKind = (kind: DiagnosisAction['kind'] | undefined): kind is SendingAction['kind'] =>
  kind === 'speed-up' || kind === 'send-again' || kind === 'fill-gap'

export const sendsSomething = (action: DiagnosisAction | undefined): action is SendingAction =>
  isSendingKind(action?.kind)

const sentText: Record<SendingAction['kind'], string> = {
  'speed-up': 'Speed-up sent.',
  'send-again': 'Sent again.',
  'fill-gap': 'Gap filler sent.',
}

/** The fees a diagnosis's speed-up names on its button: 20% over the record's, or the fast preset if higher. */
export function shownSpeedUpFees(record: TxRecord, presets: FeePresets): Fees {
  const old = record.fees
    ? {
        maxFeePerGas: BigInt(record.fees.maxFeePerGas),
        maxPriorityFeePerGas: BigInt(record.fees.maxPriorityFeePerGas),
      }
    : presets.presets.fast
  return bumpedFees(old, presets.presets.fast)
}

/**
 * What the one fix of a diagnosis sends, as an intent for THE send pipeline: a speed-up or send again rebuilt
 * from the original, or a filler at exactly the missing nonce; or why nothing can be sent. `shown`: the presets
 * the button named its fee from, so what is sent is the fee shown.
 */
export async function fixIntentFor(
  record: TxRecord,
  action: SendingAction,
  presets: FeePresets,
  sources: { reader: RebuildSources['reader'] | undefined; wallet?: Eip1193Request | undefined },
  acceptedDelegate: Address | undefined,
  /** The presets are the ones the button named its fee from (else read at the click, never shown). */
  presetsShown = true,
  /** A gap filler: the user said no other app's transaction may hold the nonce (core/tx/fix/foreignNonce.ts). */
  gapAcknowledged = false,
): Promise<UnconsentedIntent | string> {
  // The sender sets the consent when it sends, bound to the protection state at that moment.
  const base = { consentToPublic: false, acceptedDelegate }
  if (action.kind === 'fill-gap') {
    const fee = presetsShown ? { ok: true as const } : feeForUnseenUse(presets, undefined)
    if (!fee.ok) return fee.message
    return fillGapIntent(record, action.nonce, presets.presets.normal, { ...base, gapAcknowledged })
  }
  const { reader, wallet } = sources
  if (!reader) return 'No read endpoint for this chain.'
  const original = await rebuildOriginal({ reader, ...(wallet ? { wallet } : {}) }, record)
  if (typeof original === 'string') return original
  if (action.kind === 'send-again') {
    // "Send again" names no fee: the preset is bounded by the original's fees, which the user saw (issue 22).
    const fee = feeForUnseenUse(presets, original.fees)
    if (!fee.ok) return fee.message
  }
  const fees = { speedUp: presets.presets.fast, normal: presets.presets.normal }
  const intent = fixIntent(record, action, original, fees, base)
  if (action.kind !== 'speed-up') return intent
  // The button named a fee: exactly that goes out, unless the original on chain needs more.
  const shown = shownSpeedUpFees(record, presets)
  if (
    shown.maxFeePerGas < intent.fees.maxFeePerGas ||
    shown.maxPriorityFeePerGas < intent.fees.maxPriorityFeePerGas
  )
    return 'The original on chain has higher fees than its record, so the fee shown is too low. Nothing was sent.'
  return { ...intent, fees: shown }
}

/**
 * Runs the one fix a diagnosis offers through the one hook for sending (useSender: gate, lock, nonce, intent
 * record before the wallet). Nothing here talks to the wallet itself.
 */
export function useDiagnosisFix(record: TxRecord) {
  const sender = useSender(record.chainId)
  const { reader } = sender

  /** `shown`: the presets the button named its fee from. Returns what it says (also once this button is gone:
   * a filled gap leaves the nonce check's list). `acceptedDelegate`: the unknown EIP-7702 delegate ticked. */
  async function run(
    action: SendingAction,
    shown: FeePresets | undefined,
    acceptedDelegate?: Address,
    /** A gap filler: the user ticked that no other app's transaction may hold the nonce. */
    gapAcknowledged = false,
  ): Promise<string | undefined> {
    if (sender.busy || !reader) return undefined
    const done = await sender.send(
      'fix',
      async (pipeline) => {
        const presets = shown ?? (await fetchFeePresets(reader))
        return await fixIntentFor(
          record,
          action,
          presets,
          { reader, wallet: pipeline.wallet },
          acceptedDelegate,
          shown !== undefined,
          gapAcknowledged,
        )
      },
      { sentText: sentText[action.kind] },
    )
    return done?.message
  }
  return {
    ready: sender.ready,
    busy: sender.busy !== undefined,
    progress: sender.progress,
    message: sender.message,
    /** The gate stopped the last attempt: the next needs the user's explicit choice to go public. */
    needsConsent: sender.gate !== undefined,
    consent: sender.consent,
    run,
  }
}
