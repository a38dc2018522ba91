import { useState } from 'react'
import type { Address } from 'viem'
import { fetchFeePresets } from '../../core/fees/presets'
import { type ReplacementQuote, replacementQuote } from '../../core/fees/replacement'
import { feeForUnseenUse } from '../../core/fees/unseen'
import type { TxRecord } from '../../core/tx/records/records'
import type { PipelineDeps } from '../../core/tx/send/pipeline'
import {
  cancelIntent,
  type RebuildSources,
  rebuildOriginal,
  sendAgainIntent,
  speedUpIntent,
} from '../../core/tx/send/replace'
import type { UnconsentedIntent } from './sender'
import { useSender } from './useSender'

export type ReplaceAction = 'cancel' | 'speed-up' | 'resend'

/** An intent without the consent, which the sender adds when it sends (bound to the protection state). */
type Unconsented = UnconsentedIntent
type FeeReader = Parameters<typeof fetchFeePresets>[0]

/** A cancel or speed-up waiting for the user to confirm its fees: exactly this intent goes to the pipeline. */
export type PendingReplacement = { quote: ReplacementQuote; intent: Unconsented }

/**
 * What `action` sends for `record`: send again's intent, or a cancel / speed-up's quote to confirm first, or why
 * nothing can be sent. The original is rebuilt from the chain (or the wallet's RPC) where it is visible.
 */
export async function replacementFor(
  action: ReplaceAction,
  record: TxRecord,
  sources: { reader: RebuildSources['reader'] & FeeReader; wallet: PipelineDeps['wallet'] },
  acceptedDelegate: Address | undefined,
): Promise<{ send: Unconsented } | PendingReplacement | string> {
  const original = await rebuildOriginal(sources, record)
  if (typeof original === 'string') return original
  const feePresets = await fetchFeePresets(sources.reader)
  // The sender sets the consent when it sends, bound to the protection state at that moment.
  const base = { consentToPublic: false, acceptedDelegate }
  if (action === 'resend') {
    // "Send again" names no fee: the preset is bounded by the original's fees, which the user saw (issue 22).
    const fee = feeForUnseenUse(feePresets, original.fees)
    return fee.ok ? { send: sendAgainIntent(record, original, fee.fees, base) } : fee.message
  }
  const quote = replacementQuote(
    action,
    { fees: original.fees, gas: original.gas, value: original.call.value },
    feePresets,
  )
  const build = action === 'cancel' ? cancelIntent : speedUpIntent
  const current = action === 'cancel' ? feePresets.presets.normal : feePresets.presets.fast
  return { quote, intent: { ...build(record, original, current, base), fees: quote.fees } }
}

/**
 * Cancel / speed up / send again for one record, through the same pipeline as a first send (useSender): the gate
 * asks for consent again. A cancel or speed-up first shows its quote (ReplaceFeeConfirm); only "Confirm" sends,
 * with the fees shown.
 */
// Over 80 lines: one hook for speed-up and cancel: the quote, confirm and send steps share one state.
export function useReplaceActions(record: TxRecord) {
  const sender = useSender(record.chainId)
  const { reader } = sender
  const [pending, setPending] = useState<PendingReplacement | undefined>()

  /** `acceptedDelegate`: the unknown EIP-7702 delegate the user ticked (the pipeline checks it again). */
  async function run(action: ReplaceAction, acceptedDelegate?: Address) {
    if (!reader || sender.busy) return
    setPending(undefined)
    await sender.send(
      action,
      async (pipeline) => {
        const next = await replacementFor(
          action,
          record,
          { reader, wallet: pipeline.wallet },
          acceptedDelegate,
        )
        if (typeof next === 'string' || 'send' in next) return typeof next === 'string' ? next : next.send
        setPending(next)
        return undefined
      },
      action === 'resend' ? { sentText: 'Sent again.' } : {},
    )
  }

  async function confirm(acceptedDelegate?: Address) {
    if (!pending || sender.busy) return
    const { quote, intent } = pending
    await sender.send(quote.action, async () => ({ ...intent, acceptedDelegate }))
    setPending(undefined)
  }

  return {
    ready: sender.ready,
    busy: sender.busy as ReplaceAction | undefined,
    progress: sender.progress,
    message: sender.message,
    /** The gate stopped the last attempt of this action: the next one needs the user's explicit choice. */
    needsConsent: sender.gate?.what as ReplaceAction | undefined,
    consent: sender.consent,
    pending,
    run,
    confirm,
    back: () => setPending(undefined),
  }
}
