import type { ProtectionState } from '../../core/protect/detect'
import {
  type PipelineDeps,
  type PipelineProgress,
  type PipelineResult,
  sendResultMessage,
  sendThroughPipeline,
  type TxIntent,
} from '../../core/tx/send/pipeline'

export type Unprotected = Exclude<ProtectionState, 'protected'>

/** The "send without protection" choice and the protection state it was given in (the gate checks both). */
export type PublicConsent = Pick<TxIntent, 'consentToPublic' | 'consentFor'>

/** An intent as callers build it: the sender adds the consent. */
export type UnconsentedIntent = Omit<TxIntent, 'consentToPublic' | 'consentFor'>

export type SenderState = {
  /** The caller's name for what is being sent (e.g. 'cancel'), while it is. */
  busy?: string | undefined
  /** What the pipeline is doing before the wallet answers; cleared once it has answered. */
  progress?: PipelineProgress | undefined
  /** The one sentence the last attempt ends with (sendResultMessage), or why nothing could be built. */
  message?: string | undefined
  /** The gate stopped the last attempt in this state (`what` it stopped): the page shows it over its probe. */
  gate?: { state: Unprotected; what: string } | undefined
  /** The protection state the "send without protection" box was ticked in. */
  consentIn?: Unprotected | undefined
  /** The page's own protection probe (useProtection's kind). */
  protection: string
}

/** What a send body ends with: a pipeline result, why nothing was sent (a string), or nothing to say yet. */
export type SendOutcome = PipelineResult | string | undefined
export type DepsFor = (onProgress: (step: PipelineProgress) => void) => Promise<PipelineDeps>
type RunOptions = {
  /** What the message says once it was sent (none by default: the page shows the record). */
  sentText?: string
  /** A consent taken earlier (a batch's one choice for all its steps) instead of the box's current one. */
  consent?: PublicConsent
}
export type RunResult = { result?: PipelineResult; message?: string }

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message.split('\n')[0] : undefined) ?? String(error)

/**
 * The state every page that sends shares (useSender): one attempt at a time, the pipeline's progress until the
 * wallet answers, the result's sentence, and the "send without protection" choice. The choice is bound to the
 * protection state it was given in (the gate's, when it stopped the last attempt, else the page's probe); any
 * change of that state unticks it, and a choice given after the gate stopped one action covers only that action.
 */
// Over 80 lines: one closure; its methods share the sender's state and `set`, so they cannot move out.
export function createSender() {
  let state: SenderState = { protection: '' }
  const listeners = new Set<() => void>()
  const set = (patch: Partial<SenderState>) => {
    state = { ...state, ...patch }
    for (const listener of listeners) listener()
  }
  /** The state the box is shown for. */
  const shown = (): Unprotected =>
    state.gate?.state ??
    (state.protection === 'not-protected' || state.protection === 'route-unknown'
      ? state.protection
      : 'unknown')
  const consented = (what?: string) =>
    state.consentIn !== undefined &&
    state.consentIn === shown() &&
    (what === undefined || state.gate === undefined || state.gate.what === what)
  const consent = (what?: string): PublicConsent =>
    consented(what) ? { consentToPublic: true, consentFor: shown() } : { consentToPublic: false }
  const setGate = (gate: SenderState['gate']) => {
    if (gate?.state === state.gate?.state && gate?.what === state.gate?.what) return
    set({ gate, consentIn: undefined })
  }

  /** `body` runs with the pipeline's deps and the consent for `what`; one run at a time (a double click is dropped). */
  async function run(
    deps: DepsFor,
    what: string,
    body: (pipeline: PipelineDeps, consent: PublicConsent) => Promise<SendOutcome>,
    options: RunOptions = {},
  ): Promise<RunResult | undefined> {
    if (state.busy) return undefined
    set({ busy: what, message: undefined })
    try {
      const pipeline = await deps((step) => set({ progress: step }))
      const outcome = await body(pipeline, options.consent ?? consent(what))
      if (outcome === undefined) return {}
      if (typeof outcome === 'string') {
        set({ message: outcome })
        return { message: outcome }
      }
      if (outcome.kind === 'gate') setGate({ state: outcome.state, what })
      else if (outcome.kind !== 'busy') setGate(undefined)
      const message = outcome.kind === 'sent' ? options.sentText : sendResultMessage(outcome)
      // A choice is for one transaction: once it went out, the next one asks again.
      set({ message, ...(outcome.kind === 'sent' ? { consentIn: undefined } : {}) })
      return { result: outcome, ...(message !== undefined ? { message } : {}) }
    } catch (error) {
      const message = firstLine(error)
      set({ message })
      return { message }
    } finally {
      set({ busy: undefined, progress: undefined })
    }
  }

  return {
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    get: () => state,
    /** The page's probe answered: a choice given in another state is asked again. */
    protectionIs(kind: string) {
      if (kind !== state.protection) set({ protection: kind, consentIn: undefined })
    },
    consented,
    consent,
    /** The state the box is shown for: its words name it (shared/protection/consentWords.ts). */
    shown,
    setConsent: (tick: boolean) => set({ consentIn: tick ? shown() : undefined }),
    run,
    /** One transaction through THE pipeline: `build` makes the intent (or says why not); the consent is added here. */
    send: (
      deps: DepsFor,
      what: string,
      build: (pipeline: PipelineDeps) => Promise<UnconsentedIntent | string | undefined>,
      options: RunOptions = {},
    ) =>
      run(
        deps,
        what,
        async (pipeline, given) => {
          const intent = await build(pipeline)
          if (intent === undefined || typeof intent === 'string') return intent
          return await sendThroughPipeline(pipeline, { ...intent, ...given })
        },
        options,
      ),
    /** Forget the last attempt: its message, its gate state and the choice. */
    reset: () => set({ message: undefined, gate: undefined, consentIn: undefined }),
  }
}

export type Sender = ReturnType<typeof createSender>
