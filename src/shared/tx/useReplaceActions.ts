import { useState } from 'react'
import { fetchFeePresets } from '../../core/fees/presets'
import { type PipelineProgress, sendThroughPipeline } from '../../core/tx/pipeline'
import type { ActivityRecord } from '../../core/tx/records'
import { cancelIntent, rebuildOriginal, sendAgainIntent, speedUpIntent } from '../../core/tx/replace'
import { sendResultMessage } from '../../core/tx/sendMessage'
import { progressText, usePipeline } from './usePipeline'

export type ReplaceAction = 'cancel' | 'speed-up' | 'resend'

/**
 * Cancel / speed up / send again for one record, through the same pipeline as a first send: the original is
 * rebuilt from the chain (or the wallet's RPC) where it is visible, and the gate asks for consent again.
 */
export function useReplaceActions(record: ActivityRecord) {
  const { ready, deps, reader } = usePipeline(record.chainId)
  const [busy, setBusy] = useState<ReplaceAction | undefined>()
  const [progress, setProgress] = useState<PipelineProgress | undefined>()
  const [message, setMessage] = useState<string | undefined>()
  /** The gate stopped the last attempt: the next one needs the user's explicit choice. */
  const [needsConsent, setNeedsConsent] = useState<ReplaceAction | undefined>()

  async function run(action: ReplaceAction, consentToPublic = false) {
    if (!reader || busy) return
    setBusy(action)
    setMessage(undefined)
    try {
      const pipeline = await deps(setProgress)
      const original = await rebuildOriginal({ reader, wallet: pipeline.wallet }, record)
      if (typeof original === 'string') {
        setMessage(original)
        return
      }
      const { presets } = await fetchFeePresets(reader)
      const base = { consentToPublic }
      const intent =
        action === 'cancel'
          ? cancelIntent(record, original, presets.normal, base)
          : action === 'speed-up'
            ? speedUpIntent(record, original, presets.fast, base)
            : sendAgainIntent(record, original, presets.normal, base)
      const result = await sendThroughPipeline(pipeline, intent)
      if (result.kind === 'gate') setNeedsConsent(action)
      else setNeedsConsent(undefined)
      setMessage(
        result.kind === 'sent'
          ? action === 'resend'
            ? 'Sent again.'
            : undefined
          : sendResultMessage(result),
      )
    } catch (error) {
      setMessage(error instanceof Error ? error.message.split('\n')[0] : String(error))
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
    run,
  }
}
