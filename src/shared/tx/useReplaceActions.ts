import { useState } from 'react'
import type { Address } from 'viem'
import { fetchFeePresets } from '../../core/fees/presets'
import { type ReplacementQuote, replacementQuote } from '../../core/fees/replacement'
import type { TxRecord } from '../../core/tx/records/records'
import {
  type PipelineProgress,
  sendResultMessage,
  sendThroughPipeline,
  type TxIntent,
} from '../../core/tx/send/pipeline'
import { cancelIntent, rebuildOriginal, sendAgainIntent, speedUpIntent } from '../../core/tx/send/replace'
import { progressText, usePipeline } from './usePipeline'

export type ReplaceAction = 'cancel' | 'speed-up' | 'resend'

/** A cancel or speed-up waiting for the user to confirm its fees: exactly this intent goes to the pipeline. */
export type PendingReplacement = { quote: ReplacementQuote; intent: TxIntent }

const firstLine = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error))

/**
 * Cancel / speed up / send again for one record, through the same pipeline as a first send: the original is
 * rebuilt from the chain (or the wallet's RPC) where it is visible, and the gate asks for consent again. A cancel
 * or speed-up first shows its quote (ReplaceFeeConfirm); only "Confirm" sends, with the fees shown.
 */
export function useReplaceActions(record: TxRecord) {
  const { ready, deps, reader } = usePipeline(record.chainId)
  const [busy, setBusy] = useState<ReplaceAction | undefined>()
  const [progress, setProgress] = useState<PipelineProgress | undefined>()
  const [message, setMessage] = useState<string | undefined>()
  const [pending, setPending] = useState<PendingReplacement | undefined>()
  /** The gate stopped the last attempt: the next one needs the user's explicit choice. */
  const [needsConsent, setNeedsConsent] = useState<ReplaceAction | undefined>()

  async function send(action: ReplaceAction, intent: TxIntent) {
    const pipeline = await deps(setProgress)
    const result = await sendThroughPipeline(pipeline, intent)
    setNeedsConsent(result.kind === 'gate' ? action : undefined)
    setMessage(
      result.kind === 'sent' ? (action === 'resend' ? 'Sent again.' : undefined) : sendResultMessage(result),
    )
  }

  /** `acceptedDelegate`: the unknown EIP-7702 delegate the user ticked (the pipeline checks it again). */
  async function run(action: ReplaceAction, consentToPublic = false, acceptedDelegate?: Address) {
    if (!reader || busy) return
    setBusy(action)
    setMessage(undefined)
    setPending(undefined)
    try {
      const pipeline = await deps(setProgress)
      const original = await rebuildOriginal({ reader, wallet: pipeline.wallet }, record)
      if (typeof original === 'string') {
        setMessage(original)
        return
      }
      const feePresets = await fetchFeePresets(reader)
      const base = { consentToPublic, acceptedDelegate }
      if (action === 'resend') {
        await send(action, sendAgainIntent(record, original, feePresets.presets.normal, base))
        return
      }
      const quote = replacementQuote(
        action,
        { fees: original.fees, gas: original.gas, value: original.call.value },
        feePresets,
      )
      const build = action === 'cancel' ? cancelIntent : speedUpIntent
      const current = action === 'cancel' ? feePresets.presets.normal : feePresets.presets.fast
      setPending({ quote, intent: { ...build(record, original, current, base), fees: quote.fees } })
    } catch (error) {
      setMessage(firstLine(error))
    } finally {
      setBusy(undefined)
      setProgress(undefined)
    }
  }

  async function confirm(acceptedDelegate?: Address) {
    if (!pending || busy) return
    const action = pending.quote.action
    setBusy(action)
    try {
      await send(action, { ...pending.intent, acceptedDelegate })
      setPending(undefined)
    } catch (error) {
      setMessage(firstLine(error))
      setPending(undefined)
    } finally {
      setBusy(undefined)
      setProgress(undefined)
    }
  }

  return {
    ready,
    busy,
    progress: progress ? progressText[progress] : undefined,
    message,
    needsConsent,
    pending,
    run,
    confirm,
    back: () => setPending(undefined),
  }
}
