import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import type { DiagnosisAction } from '../../core/tx/fix/diagnosis'
import { recordStore, type TxRecord } from '../../core/tx/records/records'
import { canReplace, canSendAgain } from '../../core/tx/send/replace'
import { closeIntent, userMayClose } from '../../core/tx/track/intents'
import { useRuntimeConfig } from '../context/configContext'
import { DelegationGuard } from '../protection/DelegationGuard'
import { useDelegationGuard } from '../protection/useDelegationGuard'
import { WhoSeesThis } from '../protection/WhoSeesThis'
import { ConsentTick } from './ConsentTick'
import { ReplaceFeeConfirm } from './ReplaceFeeConfirm'
import { TxRecordCard } from './TxRecordCard'
import { useActivity } from './useActivity'
import { isSendingKind } from './useDiagnosisFix'
import { useRecordCheck } from './useRecordCheck'
import { type ReplaceAction, useReplaceActions } from './useReplaceActions'

const actionNoun: Record<ReplaceAction, string> = {
  cancel: 'cancellation',
  'speed-up': 'speed-up',
  resend: 'transaction',
}

/** Follow-up actions of a record; a one-by-one batch lists its step transactions with theirs. */
export function RecordActions({
  record,
  attempts,
  offered,
}: {
  record: TxRecord
  attempts?: readonly (TxRecord | undefined)[]
  /** What the record's diagnosis already offers as its one fix button (not shown twice). */
  offered?: DiagnosisAction['kind'] | undefined
}) {
  if (attempts) {
    const sent = attempts.filter((a): a is TxRecord => a !== undefined)
    if (sent.length === 0) return null
    return (
      <details className="batch-step-records">
        <summary className="batch-step-records-summary">
          The {sent.length === 1 ? 'transaction' : `${sent.length} transactions`} of this batch
        </summary>
        <ol className="activity-list">
          {sent.map((a) => (
            <li key={a.id}>
              <TxRecordCard record={a} headingLevel={4} />
            </li>
          ))}
        </ol>
      </details>
    )
  }
  return <SingleActions record={record} offered={offered} />
}

// Over 80 lines: a record's follow-up actions share its state and the confirm steps' state hooks.
function SingleActions({
  record,
  offered,
}: {
  record: TxRecord
  offered: DiagnosisAction['kind'] | undefined
}) {
  const all = useActivity()
  const { address } = useAccount()
  const config = useRuntimeConfig()
  const { ready, busy, progress, message, needsConsent, consent, pending, run, confirm, back } =
    useReplaceActions(record)
  const replaceable = canReplace(record)
  const resendable = canSendAgain(record, all) && offered !== 'send-again'
  const speedUp = replaceable && offered !== 'speed-up'
  // Only what the chain cannot settle is the user's to close on their word (userMayClose).
  const orphanIntent = userMayClose(record)
  const mine = address?.toLowerCase() === record.from.toLowerCase()
  const acting = mine && (replaceable || resendable)
  const guard = useDelegationGuard(acting ? record.chainId : undefined, acting ? record.from : undefined)
  // Stored records can be forged: Speed up / Send again only once the chain or Protect knows the hash.
  const check = useRecordCheck(record, address, acting && record.hash !== undefined)
  const known = record.hash === undefined || check?.ok === true
  if (!replaceable && !resendable && !message && !orphanIntent) return null
  const act = (action: ReplaceAction) => void run(action, guard.accepted)
  // The diagnosis's fix above already says who sees a transaction from this wallet: once per card is enough.
  const whoSeesAbove = isSendingKind(offered)
  const beforeSigning = acting && (
    <>
      {!whoSeesAbove && <WhoSeesThis from={record.from} />}
      <DelegationGuard guard={guard} />
    </>
  )
  const native = findChain(config, record.chainId)?.nativeCurrency ?? { symbol: 'ETH', decimals: 18 }
  if (pending)
    return (
      <>
        {beforeSigning}
        <ReplaceFeeConfirm
          quote={pending.quote}
          nonce={record.nonce}
          native={native}
          busy={Boolean(busy)}
          onConfirm={() => void confirm(guard.accepted)}
          onBack={back}
        />
        {progress && <span role="status">{progress}</span>}
      </>
    )
  return (
    <>
      {beforeSigning}
      <div className="tx-actions">
        {replaceable && (
          <>
            {speedUp && (
              <button
                type="button"
                disabled={!ready || !known || Boolean(busy)}
                onClick={() => act('speed-up')}
              >
                {busy === 'speed-up' ? 'Speeding up…' : 'Speed up'}
              </button>
            )}
            <button type="button" disabled={!ready || Boolean(busy)} onClick={() => act('cancel')}>
              {busy === 'cancel' ? 'Cancelling…' : 'Cancel'}
            </button>
          </>
        )}
        {resendable && (
          <button type="button" disabled={!ready || !known || Boolean(busy)} onClick={() => act('resend')}>
            {busy === 'resend' ? 'Sending again…' : 'Send again'}
          </button>
        )}
        {orphanIntent && (
          <button type="button" onClick={() => closeIntent(recordStore(), record.id)}>
            {record.sentUnknown
              ? 'My wallet shows it not sent, failed or dropped'
              : 'I declined it in my wallet'}
          </button>
        )}
        {(!ready || !mine) && (replaceable || resendable) && (
          <span className="muted">Connect the sending wallet on this chain to act on it.</span>
        )}
        {needsConsent && <ConsentTick consent={consent} what={`this ${actionNoun[needsConsent]}`} />}
        {check?.ok === false && (
          <span className="muted" data-testid="record-check">
            {check.reason}
          </span>
        )}
        {progress && <span role="status">{progress}</span>}
        {message && (
          <span role="status" className="muted" data-testid="tx-action-message">
            {message}
          </span>
        )}
      </div>
    </>
  )
}
