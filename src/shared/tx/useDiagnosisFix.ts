import { useState } from 'react'
import type { Address } from 'viem'
import { bumpedFees, type FeePresets, type Fees, fetchFeePresets } from '../../core/fees/presets'
import type { DiagnosisAction } from '../../core/tx/fix/diagnosis'
import { fillGapIntent, fixIntent } from '../../core/tx/fix/fixes'
import type { TxRecord } from '../../core/tx/records/records'
import { type PipelineProgress, sendThroughPipeline, type TxIntent } from '../../core/tx/send/pipeline'
import { rebuildOriginal } from '../../core/tx/send/replace'
import { progressText, usePipeline } from './usePipeline'

export type SendingAction = Extract<DiagnosisAction, { kind: 'speed-up' | 'send-again' | 'fill-gap' }>

export const sendsSomething = (action: DiagnosisAction | undefined): action is SendingAction =>
  action?.kind === 'speed-up' || action?.kind === 'send-again' || action?.kind === 'fill-gap'

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

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message.split('\n')[0] : undefined) ?? String(error)

/**
 * Runs the one fix a diagnosis offers, as an intent for THE send pipeline (sendThroughPipeline: gate, lock,
 * nonce, intent record before the wallet): a speed-up or send again rebuilt from the original, or a filler at
 * exactly the missing nonce. Nothing here talks to the wallet itself.
 */
export function useDiagnosisFix(record: TxRecord) {
  const { ready, deps, reader } = usePipeline(record.chainId)
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<PipelineProgress | undefined>()
  const [message, setMessage] = useState<string | undefined>()
  /** The gate stopped the last attempt: the next needs the user's explicit choice to go public. */
  const [needsConsent, setNeedsConsent] = useState(false)

  async function intentFor(
    action: SendingAction,
    presets: FeePresets,
    base: { consentToPublic: boolean; acceptedDelegate?: Address | undefined },
    wallet: Parameters<typeof rebuildOriginal>[0]['wallet'],
  ): Promise<TxIntent | string> {
    if (action.kind === 'fill-gap') return fillGapIntent(record, action.nonce, presets.presets.normal, base)
    if (!reader) return 'No read endpoint for this chain.'
    const original = await rebuildOriginal({ reader, ...(wallet ? { wallet } : {}) }, record)
    if (typeof original === 'string') return original
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

  /** `shown`: the presets the button named its fee from, so what is sent is the fee shown. */
  /** Returns what it says (also once this button is gone: a filled gap leaves the nonce check's list). */
  async function run(
    action: SendingAction,
    shown: FeePresets | undefined,
    consentToPublic = false,
    /** The unknown EIP-7702 delegate the user ticked (the pipeline checks it again). */
    acceptedDelegate?: Address,
  ): Promise<string | undefined> {
    if (busy || !reader) return undefined
    setBusy(true)
    setMessage(undefined)
    const say = (text: string) => {
      setMessage(text)
      return text
    }
    try {
      const pipeline = await deps(setProgress)
      const presets = shown ?? (await fetchFeePresets(reader))
      const intent = await intentFor(action, presets, { consentToPublic, acceptedDelegate }, pipeline.wallet)
      if (typeof intent === 'string') return say(intent)
      const result = await sendThroughPipeline(pipeline, intent)
      setNeedsConsent(result.kind === 'gate')
      return say(result.kind === 'sent' ? sentText[action.kind] : (result.message ?? 'Nothing was sent.'))
    } catch (error) {
      return say(firstLine(error))
    } finally {
      setBusy(false)
      setProgress(undefined)
    }
  }
  return { ready, busy, progress: progress ? progressText[progress] : undefined, message, needsConsent, run }
}
