import { useAccount } from 'wagmi'
import './diagnosis.css'
import { useState } from 'react'
import type { FeePresets } from '../../core/fees/presets'
import type { Diagnosis, DiagnosisAction } from '../../core/tx/fix/diagnosis'
import type { TxRecord } from '../../core/tx/records/records'
import { DelegationGuard } from '../protection/DelegationGuard'
import { useDelegationGuard } from '../protection/useDelegationGuard'
import { GweiAmount } from '../ui/Amount'
import { Icon } from '../ui/Icon'
import { type SendingAction, sendsSomething, shownSpeedUpFees, useDiagnosisFix } from './useDiagnosisFix'
import { useRecordCheck } from './useRecordCheck'

/** The button's words: the fix and the figure it uses (the speed-up's fee, the nonce filled, the new limit). */
export function FixLabel({
  action,
  record,
  presets,
}: {
  action: DiagnosisAction
  record: TxRecord
  presets: FeePresets | undefined
}) {
  const limit =
    'gas' in action && action.gas !== undefined
      ? ` with a gas limit of ${action.gas.toLocaleString('en-US')}`
      : ''
  switch (action.kind) {
    case 'speed-up':
      if (!presets) return <>Speed up{limit}</>
      return (
        <>
          Speed up to <GweiAmount wei={shownSpeedUpFees(record, presets).maxFeePerGas} /> max fee{limit}
        </>
      )
    case 'send-again':
      return <>Send again{limit}</>
    case 'fill-gap':
      return <>Fill nonce {action.nonce}</>
    case 'show-record':
      return <>Show that transaction</>
    case 'copy-address':
      return <>Copy your address to add funds</>
  }
}

/** Through Activity's own focus link, which also opens a collapsed row; if it is the link already, scroll there. */
function showRecord(id: string) {
  const target = `#/activity?record=${encodeURIComponent(id)}`
  if (window.location.hash !== target) {
    window.location.hash = target
    return
  }
  const card = document.getElementById(`record-${id}`)
  card?.scrollIntoView({ block: 'center' })
  card?.focus()
}

/**
 * The one fix as a button. Whatever it sends goes through the one send pipeline (useDiagnosisFix); a wallet not
 * on Protect is stopped at the gate, and the next press needs the explicit choice to send publicly.
 */
export function FixButton({
  record,
  action,
  presets,
  testId,
  onResult,
}: {
  record: TxRecord
  action: DiagnosisAction
  presets: FeePresets | undefined
  testId: string
  /** What the fix said, for a list that may drop this button once the fix is sent. */
  onResult?: (message: string) => void
}) {
  const { ready, busy, progress, message, needsConsent, consent, run } = useDiagnosisFix(record)
  const [copied, setCopied] = useState(false)
  const sends = sendsSomething(action)
  const { address } = useAccount()
  // Send again / speed up act on the stored record: only once the chain or Protect knows its hash.
  const onRecord = (action.kind === 'send-again' || action.kind === 'speed-up') && record.hash !== undefined
  const check = useRecordCheck(record, address, onRecord)
  const guard = useDelegationGuard(sends ? record.chainId : undefined, sends ? record.from : undefined)
  const click = () => {
    if (action.kind === 'show-record') return showRecord(action.id)
    if (action.kind === 'copy-address') {
      void navigator.clipboard
        ?.writeText(record.from)
        .then(() => setCopied(true))
        .catch(() => undefined)
      return
    }
    void run(action as SendingAction, presets, guard.accepted).then((said) => said && onResult?.(said))
  }
  return (
    <span className="tx-actions diagnosis-actions">
      {sends && <DelegationGuard guard={guard} />}
      <button
        type="button"
        className={sends ? 'primary' : undefined}
        data-testid={testId}
        disabled={busy || (sends && !ready) || (onRecord && check?.ok !== true)}
        onClick={click}
      >
        {busy ? 'Sending…' : <FixLabel action={action} record={record} presets={presets} />}
      </button>
      {sends && !ready && <span className="muted">Connect the sending wallet on this chain to fix it.</span>}
      {check?.ok === false && (
        <span className="muted" data-testid={`${testId}-record-check`}>
          {check.reason}
        </span>
      )}
      {needsConsent && (
        <label className="check notice notice-bad">
          <input
            type="checkbox"
            checked={consent.checked}
            onChange={(e) => consent.set(e.currentTarget.checked)}
          />{' '}
          Send it without protection: it goes to the public mempool, where it can be front-run.
        </label>
      )}
      {progress && <span role="status">{progress}</span>}
      {(message || copied) && (
        <span role="status" className="muted" data-testid={`${testId}-message`}>
          {message ?? 'Address copied: send funds to it, then wait or send again.'}
        </span>
      )}
    </span>
  )
}

/** What went wrong with a pending, failed or stuck transaction, in plain words, and the one fix as a button. */
export function DiagnosisView({
  record,
  diagnosis,
  presets,
}: {
  record: TxRecord
  diagnosis: Diagnosis
  presets: FeePresets | undefined
}) {
  return (
    <section
      className="diagnosis notice"
      data-testid="diagnosis"
      data-code={diagnosis.code}
      aria-label="What happened"
    >
      <p>
        <Icon name="warning" /> <strong>{diagnosis.title}.</strong> {diagnosis.text}
      </p>
      {diagnosis.wallet && (
        <p className="muted" data-testid="diagnosis-wallet">
          {diagnosis.wallet}
        </p>
      )}
      {diagnosis.action && (
        <FixButton record={record} action={diagnosis.action} presets={presets} testId="diagnosis-fix" />
      )}
    </section>
  )
}
