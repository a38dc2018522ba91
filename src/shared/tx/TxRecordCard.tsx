import { stepRecords } from '../../core/batch/activity'
import { explorerAddressUrl, explorerTxUrl, findChain } from '../../core/config/chains'
import { formatAmount } from '../../core/format/amount'
import type { Prices } from '../../core/prices/feeds'
import { recordStatusText } from '../../core/tx/records/labels'
import type { TxRecord } from '../../core/tx/records/records'
import { useRuntimeConfig } from '../context/configContext'
import { RecordProof } from '../proof/RecordProof'
import { Amount, Fiat, GweiAmount } from '../ui/Amount'
import { BatchSteps } from '../ui/BatchSteps'
import { CopyButton } from '../ui/CopyButton'
import { ExternalLink } from '../ui/ExternalLink'
import { Icon } from '../ui/Icon'
import { DiagnosisView } from './DiagnosisPanel'
import { PrivacyVerdict, StatusCorrections } from './PrivacyVerdict'
import { RecordActions } from './RecordActions'
import { ReplacementLinks } from './ReplacementLinks'
import { statusIcon } from './statusIcons'
import { TxLifecycle } from './TxLifecycle'
import { useActivity } from './useActivity'
import { useDiagnosis } from './useDiagnosis'

/** A record in words (card title, notices). */
export function describeRecord(record: TxRecord): string {
  if (record.kind === 'cancel') return 'Cancellation'
  if (record.kind === 'batch') return `Batch of ${record.steps?.length ?? 0} calls`
  if (record.kind === 'tracked') return 'Tracked transaction'
  if (record.kind === 'call') {
    const step = record.stepIndex !== undefined ? `Step ${record.stepIndex + 1}: ` : ''
    return `${step}${record.label ?? 'Contract call'}`
  }
  const amount =
    record.amount !== undefined && record.asset
      ? `${formatAmount(BigInt(record.amount), record.asset.decimals).display} ${record.asset.symbol}`
      : 'Transaction'
  return record.kind === 'speed-up' ? `${amount} (sped up)` : amount
}

/** The card's title: the amount as an <Amount> (exact value on hover) and its value now, where known. */
function Title({ record, prices }: { record: TxRecord; prices: Prices | undefined }) {
  if (
    record.amount === undefined ||
    !record.asset ||
    (record.kind !== 'transfer' && record.kind !== 'speed-up')
  )
    return <>{describeRecord(record)}</>
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
// Over 80 lines: one record card: status, privacy, receipt, links and actions all read the same record.
export function TxRecordCard({
  record,
  headingLevel = 3,
  prices,
}: {
  record: TxRecord
  headingLevel?: 2 | 3 | 4
  /** Current prices on the record's chain; the value is "now", not at the time it was sent. */
  prices?: Prices | undefined
}) {
  const config = useRuntimeConfig()
  const all = useActivity()
  const chain = findChain(config, record.chainId)
  const txUrl = record.hash ? explorerTxUrl(chain, record.hash) : undefined
  const toUrl = record.to ? explorerAddressUrl(chain, record.to) : undefined
  const Heading = headingLevel === 2 ? 'h2' : headingLevel === 3 ? 'h3' : 'h4'
  const symbol = chain?.nativeCurrency.symbol ?? 'ETH'
  const sequential = record.kind === 'batch' && record.path === 'sequential'
  const attempts = sequential ? stepRecords(record, all) : undefined
  const { diagnosis, presets } = useDiagnosis(record)
  // With a diagnosis, the card's other actions go under its "Other options": one recommended fix stands out.
  const actions = <RecordActions record={record} attempts={attempts} offered={diagnosis?.action?.kind} />
  return (
    <article
      className="tx-card"
      id={`record-${record.id}`}
      tabIndex={-1}
      data-testid="tx-record"
      data-status={record.status}
      aria-label={describeRecord(record)}
    >
      <Heading className="tx-card-title">
        <Title record={record} prices={prices} />
      </Heading>
      <p
        className={`tx-status tx-status-${record.status.toLowerCase()}`}
        role="status"
        data-testid="tx-status"
      >
        <Icon name={statusIcon(record.status)} /> {recordStatusText(record.status, record.sentUnknown)}
        {record.detail ? <span className="muted"> — {record.detail}</span> : null}
      </p>
      <StatusCorrections record={record} />
      {!sequential && <PrivacyVerdict record={record} />}
      {diagnosis && (
        <DiagnosisView record={record} diagnosis={diagnosis} presets={presets} prices={prices}>
          {actions}
        </DiagnosisView>
      )}
      <ReplacementLinks record={record} all={all} />
      <TxLifecycle record={record} />
      <dl className="facts">
        {record.to && (
          <>
            <dt>To</dt>
            <dd>
              <code>{record.to}</code>
              <CopyButton text={record.to} label="Copy address" />
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
            <dd data-testid="tx-nonce">{record.nonce}</dd>
          </>
        )}
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
        {!record.receipt && record.fees && (
          <>
            <dt>Gas limit</dt>
            <dd>{Number(record.fees.gas).toLocaleString()}</dd>
            <dt>Max fee</dt>
            <dd>
              <span>
                <GweiAmount wei={BigInt(record.fees.maxFeePerGas)} /> per gas (tip{' '}
                <GweiAmount wei={BigInt(record.fees.maxPriorityFeePerGas)} />
                ), at most{' '}
                <Amount
                  value={BigInt(record.fees.maxFeePerGas) * BigInt(record.fees.gas)}
                  decimals={chain?.nativeCurrency.decimals ?? 18}
                  symbol={symbol}
                  fee
                />
              </span>
            </dd>
          </>
        )}
      </dl>
      {record.kind === 'batch' && record.steps && (
        <BatchSteps steps={record.steps} attempts={attempts} batchStatus={record.status} />
      )}
      <RecordProof record={record} />
      {!diagnosis && actions}
    </article>
  )
}
