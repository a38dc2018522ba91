import { useEffect, useState, useSyncExternalStore } from 'react'
import type { PipelineDeps } from '../../core/tx/send/pipeline'
import { useProtection } from '../protection/useProtection'
import {
  createSender,
  type PublicConsent,
  type Sender,
  type SendOutcome,
  type UnconsentedIntent,
} from './sender'
import { progressText, usePipeline } from './usePipeline'

type Options = Parameters<Sender['run']>[3]

/**
 * The one hook for sending (Send, Batch, cancel / speed-up / send again, diagnosis fixes): the pipeline's deps
 * for `chainId`, its progress, the result's sentence and the "send without protection" choice, bound to the
 * protection state it was given in (createSender). `shared`: a sender that outlives the page (a batch run).
 */
export function useSender(chainId: number | undefined, shared?: Sender) {
  const { ready, deps, reader, chain } = usePipeline(chainId)
  const protection = useProtection()
  const [own] = useState(createSender)
  const sender = shared ?? own
  const state = useSyncExternalStore(sender.subscribe, sender.get, sender.get)
  useEffect(() => sender.protectionIs(protection.kind), [sender, protection.kind])
  // The choice belongs to the page it was ticked on: leaving it asks again.
  useEffect(() => () => sender.setConsent(false), [sender])
  return {
    ready,
    reader,
    chain,
    protection,
    busy: state.busy,
    /** The pipeline's step, until the wallet answers. */
    step: state.progress,
    progress: state.progress ? progressText[state.progress] : undefined,
    message: state.message,
    /** The gate stopped the last attempt in this state (for this `what`). */
    gate: state.gate,
    consent: {
      checked: sender.consented(),
      shown: sender.shown(),
      set: sender.setConsent,
      /** For the intent: the choice and the state it was given in. */
      intent: sender.consent(),
    },
    run: (
      what: string,
      body: (pipeline: PipelineDeps, consent: PublicConsent) => Promise<SendOutcome>,
      options?: Options,
    ) => sender.run(deps, what, body, options),
    send: (
      what: string,
      build: (pipeline: PipelineDeps) => Promise<UnconsentedIntent | string | undefined>,
      options?: Options,
    ) => sender.send(deps, what, build, options),
    reset: sender.reset,
    deps,
  }
}

export type SenderHook = ReturnType<typeof useSender>
