import { explorerAddressUrl, explorerTxUrl, findChain } from '../../core/config/chains'
import { formatAmount } from '../../core/format/amount'
import type { Prices } from '../../core/prices/feeds'
import type { ActivityRecord } from '../../core/tx/records'
import { canReplace } from '../../core/tx/replace'
import { statusText } from '../../core/tx/status'
import { useRuntimeConfig } from '../context/config-context'
import { RecordProof } from '../proof/RecordProof'
import { Amount, Fiat, GweiAmount } from '../ui/Amount'
import { BatchSteps } from '../ui/BatchSteps'
import { CopyButton } from '../ui/CopyButton'
import { ExternalLink } from '../ui/ExternalLink'
import { Icon, type IconName } from '../ui/Icon'
import { PrivacyVerdict, StatusCorrections } from './PrivacyVerdict'
import { useReplaceActions } from './useReplaceActions'

const statusIcon: Record<ActivityRecord['status'], IconName> = {
  PENDING: 'clock',
  INCLUDED: 'check',
  REVERTED: 'cross',
  FAILED: 'cross',
  CANCELLED: 'ban',
  REPLACED: 'replace',
  UNKNOWN: 'question',
}

function what(record: ActivityRecord): string {
  if (record.kind === 'cancel') return 'Cancellation'
  if (record.kind === 'batch') return `Batch of ${record.steps?.length ?? 0} calls`
  if (record.kind === 'tracked') return 'Tracked transaction'
  const amount =
    record.amount !== undefined && record.asset
      ? `${formatAmount(BigInt(record.amount), record.asset.decimals).display} ${record.asset.symbol}`
      : 'Transaction'
  return record.kind === 'speed-up' ? `${amount} (sped up)` : amount
}

/** The card's title: the amount as an <Amount> (exact value on hover) and its value now, where known. */
function Title({ record, prices }: { record: ActivityRecord; prices: Prices | undefined }) {
  if (record.amount === undefined || !record.asset || record.kind === 'cancel' || record.kind === 'batch')
    return <>{what(record)}</>
  return (
    <>
      <Amount value={BigInt(record.amount)} decimals={record.asset.decimals} symbol={record.asset.symbol} />
      {record.kind === 'speed-up' ? ' (sped up)' : ''}{' '}
      <Fiat
        prices={prices}
        asset={record.asset.address ?? 'native'}
        value={BigInt(record.amount)}
        decimals={record.asset.decimals}
        testId="tx-fiat"
        className="tx-fiat"
      />
    </>
  )
}

/** One transaction with live status, privacy verdict, receipt figures, links and its follow-up actions. */
export function TxRecordCard({
  record,
  headingLevel = 3,
  prices,
}: {
  record: ActivityRecord
  headingLevel?: 2 | 3
  /** Current prices on the record's chain; the value is "now", not at the time it was sent. */
  prices?: Prices | undefined
}) {
  const config = useRuntimeConfig()
  const chain = findChain(config, record.chainId)
  const txUrl = record.hash ? explorerTxUrl(chain, record.hash) : undefined
  const toUrl = record.to ? explorerAddressUrl(chain, record.to) : undefined
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const symbol = chain?.nativeCurrency.symbol ?? 'ETH'
  return (
    <article
      className="tx-card"
      data-testid="tx-record"
      data-status={record.status}
      aria-label={what(record)}
    >
      <Heading className="tx-card-title">
        <Title record={record} prices={prices} />
      </Heading>
      <p
        className={`tx-status tx-status-${record.status.toLowerCase()}`}
        role="status"
        data-testid="tx-status"
      >
        <Icon name={statusIcon[record.status]} /> {statusText[record.status]}
        {record.detail ? <span className="muted"> — {record.detail}</span> : null}
      </p>
      <StatusCorrections record={record} />
      <PrivacyVerdict record={record} />
      <dl className="facts">
        {record.to && (
          <>
            <dt>To</dt>
            <dd>
              <code>{record.to}</code>
              {toUrl && <ExternalLink href={toUrl}>Explorer</ExternalLink>}
            </dd>
          </>
        )}
        {record.hash && (
          <>
            <dt>Hash</dt>
            <dd>
              <code data-testid="tx-hash">{record.hash}</code>
              <CopyButton text={record.hash} label="Copy hash" />
              {txUrl && <ExternalLink href={txUrl}>View on explorer</ExternalLink>}
            </dd>
          </>
        )}
        {record.nonce !== undefined && (
          <>
            <dt>Nonce</dt>
            <dd>{record.nonce}</dd>
          </>
        )}
        <dt>Sent</dt>
        <dd>
          <time dateTime={new Date(record.createdAt).toISOString()}>
            {new Date(record.createdAt).toLocaleString()}
          </time>
        </dd>
        {record.receipt && (
          <>
            <dt>Block</dt>
            <dd data-testid="tx-block">{record.receipt.blockNumber}</dd>
            <dt>Gas used</dt>
            <dd>{Number(record.receipt.gasUsed).toLocaleString()}</dd>
            <dt>Effective fee</dt>
            <dd>
              <span>
                <Amount
                  value={BigInt(record.receipt.fee)}
                  decimals={chain?.nativeCurrency.decimals ?? 18}
                  symbol={symbol}
                  fee
                />{' '}
                (<GweiAmount wei={BigInt(record.receipt.effectiveGasPrice)} /> per gas)
              </span>
            </dd>
          </>
        )}
        {record.status === 'PENDING' && record.maxBlockNumber !== undefined && (
          <>
            <dt>Protect retries until</dt>
            <dd>block {record.maxBlockNumber}</dd>
          </>
        )}
      </dl>
      {record.kind === 'batch' && record.steps && <BatchSteps steps={record.steps} />}
      <RecordProof record={record} />
      <RecordActions record={record} />
    </article>
  )
}

function RecordActions({ record }: { record: ActivityRecord }) {
  const { ready, busy, message, run } = useReplaceActions(record)
  // A tracked transaction came from another app: Hush does not know its fees, so it does not replace it.
  const replaceable = canReplace(record) && record.kind !== 'batch' && record.kind !== 'tracked'
  const resendable = record.status === 'FAILED' && record.kind === 'transfer'
  if (!replaceable && !resendable && !message) return null
  return (
    <div className="tx-actions">
      {replaceable && (
        <>
          <button type="button" disabled={!ready || Boolean(busy)} onClick={() => void run('speed-up')}>
            {busy === 'speed-up' ? 'Speeding up…' : 'Speed up'}
          </button>
          <button type="button" disabled={!ready || Boolean(busy)} onClick={() => void run('cancel')}>
            {busy === 'cancel' ? 'Cancelling…' : 'Cancel'}
          </button>
        </>
      )}
      {resendable && (
        <button type="button" disabled={!ready || Boolean(busy)} onClick={() => void run('resend')}>
          {busy === 'resend' ? 'Sending again…' : 'Send again'}
        </button>
      )}
      {!ready && (replaceable || resendable) && (
        <span className="muted">Connect the sending wallet on this chain to act on it.</span>
      )}
      {message && (
        <span role="status" className="muted">
          {message}
        </span>
      )}
    </div>
  )
}
