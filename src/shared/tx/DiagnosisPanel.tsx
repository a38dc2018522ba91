import { useAccount } from 'wagmi'
import './diagnosis.css'
import { type ReactNode, useState } from 'react'
import { findChain } from '../../core/config/chains'
import type { FeePresets } from '../../core/fees/presets'
import type { Prices } from '../../core/prices/feeds'
import { fixMaxCost } from '../../core/tx/fix/cost'
import type { Diagnosis, DiagnosisAction } from '../../core/tx/fix/diagnosis'
import { foreignNonceTick, foreignNonceWarning, needsForeignAck } from '../../core/tx/fix/foreignNonce'
import type { TxRecord } from '../../core/tx/records/records'
import { useRuntimeConfig } from '../context/configContext'
import { DelegationGuard } from '../protection/DelegationGuard'
import { useDelegationGuard } from '../protection/useDelegationGuard'
import { WhoSeesThis } from '../protection/WhoSeesThis'
import { Amount, Fiat, GweiAmount } from '../ui/Amount'
import { Icon } from '../ui/Icon'
import { ConsentTick } from './ConsentTick'
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
      if (!presets) return <>Fill nonce {action.nonce}</>
      return (
        <>
          Fill nonce {action.nonce} at <GweiAmount wei={presets.presets.normal.maxFeePerGas} /> max fee
        </>
      )
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
// Over 80 lines: one button with what must precede its press (who sees it, delegation, the gap tick, consent).
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
  const [gapTicked, setGapTicked] = useState(false)
  // The user's word that no other app holds the nonce, unless Hush's own unknown outcome sits there (the fill settles it).
  const gap =
    action.kind === 'fill-gap' &&
    needsForeignAck([record], { chainId: record.chainId, from: record.from }, action.nonce)
      ? action.nonce
      : undefined
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
    void run(action as SendingAction, presets, guard.accepted, gapTicked).then(
      (said) => said && onResult?.(said),
    )
    setGapTicked(false)
  }
  return (
    <span className="tx-actions diagnosis-actions">
      {sends && <WhoSeesThis from={record.from} />}
      {sends && <DelegationGuard guard={guard} />}
      {gap !== undefined && (
        <label className="check notice" data-testid={`${testId}-gap-tick`}>
          <input
            type="checkbox"
            checked={gapTicked}
            onChange={(e) => setGapTicked(e.currentTarget.checked)}
          />{' '}
          {foreignNonceWarning(gap)} {foreignNonceTick(gap)}
        </label>
      )}
      <button
        type="button"
        className={sends ? 'primary' : undefined}
        data-testid={testId}
        disabled={
          busy || (sends && !ready) || (onRecord && check?.ok !== true) || (gap !== undefined && !gapTicked)
        }
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
      {needsConsent && <ConsentTick consent={consent} what="it" />}
      {progress && <span role="status">{progress}</span>}
      {(message || copied) && (
        <span role="status" className="muted" data-testid={`${testId}-message`}>
          {message ?? 'Address copied: send funds to it, then wait or send again.'}
        </span>
      )}
    </span>
  )
}

/** What the fix can cost in gas at most, with its value now where the chain has a price feed. */
export function FixCost(props: {
  record: TxRecord
  action: DiagnosisAction
  presets: FeePresets | undefined
  prices: Prices | undefined
}) {
  const native = findChain(useRuntimeConfig(), props.record.chainId)?.nativeCurrency
  const cost = props.presets ? fixMaxCost(props.action, props.record, props.presets) : undefined
  if (cost === undefined || !native) return null
  return (
    <span className="fix-cost muted" data-testid="fix-cost">
      Costs at most <Amount value={cost} decimals={native.decimals} symbol={native.symbol} fee />{' '}
      <Fiat
        prices={props.prices}
        asset="native"
        value={cost}
        decimals={native.decimals}
        testId="fix-cost-fiat"
      />{' '}
      in gas.
    </span>
  )
}

/**
 * What went wrong with a pending, failed or stuck transaction as one card: the cause in plain words, the one
 * fix that helps (with its cost), and everything else (the card's other actions, what the wallet may show)
 * under "Other options".
 */
export function DiagnosisView({
  record,
  diagnosis,
  presets,
  prices,
  children,
}: {
  record: TxRecord
  diagnosis: Diagnosis
  presets: FeePresets | undefined
  prices?: Prices | undefined
  /** The record's other actions (speed up, cancel, send again), shown under "Other options". */
  children?: ReactNode
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
      {diagnosis.action && (
        <div className="diagnosis-fix">
          <FixButton record={record} action={diagnosis.action} presets={presets} testId="diagnosis-fix" />
          <FixCost record={record} action={diagnosis.action} presets={presets} prices={prices} />
        </div>
      )}
      {/* Hidden by CSS when it holds nothing (the record may have no other action and no wallet note). */}
      <details className="diagnosis-other" data-testid="diagnosis-other">
        <summary>Other options</summary>
        {diagnosis.wallet && (
          <p className="muted" data-testid="diagnosis-wallet">
            {diagnosis.wallet}
          </p>
        )}
        {children}
      </details>
    </section>
  )
}
