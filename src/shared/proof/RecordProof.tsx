import { findChain } from '../../core/config/chains'
import { readOutcome, readPreview } from '../../core/proof/onRecord'
import type { TxRecord } from '../../core/tx/records/records'
import { useRuntimeConfig } from '../context/configContext'
import { useActivity } from '../tx/useActivity'
import { Icon } from '../ui/Icon'
import { OutcomeCheckView } from './OutcomeCheckView'
import { ProofExport } from './ProofExport'
import { useOutcomeCheck } from './useOutcomeCheck'

/** On a record: the outcome check once on chain (checked here when missing), and the proof export. */
export function RecordProof({ record }: { record: TxRecord }) {
  const config = useRuntimeConfig()
  const all = useActivity()
  // A one-by-one batch's steps are records of their own (linked by batchId): their proof goes with it.
  const steps = all
    .filter((r) => r.batchId === record.id)
    .sort((a, b) => stepIndexOf(a) - stepIndexOf(b) || a.createdAt - b.createdAt)
  const native = findChain(config, record.chainId)?.nativeCurrency ?? { symbol: 'ETH', decimals: 18 }
  const { state, retry } = useOutcomeCheck(record)
  const outcome = readOutcome(record)
  const preview = readPreview(record)
  const current = outcome && (!record.hash || outcome.hashes.includes(record.hash))
  return (
    <div className="record-proof">
      {current ? (
        <OutcomeCheckView check={outcome} preview={preview} native={native} />
      ) : state.kind === 'checking' ? (
        <p role="status" className="muted" data-testid="outcome-check-state">
          <Icon name="clock" /> Checking what it did on chain…
        </p>
      ) : state.kind === 'failed' ? (
        <p role="alert" className="error-text" data-testid="outcome-check-state">
          <Icon name="cross" /> Could not check the outcome (the read failed; this says nothing about the
          transaction): {state.message}{' '}
          <button type="button" className="small" onClick={retry}>
            Retry
          </button>
        </p>
      ) : null}
      <ProofExport record={record} steps={steps} />
    </div>
  )
}

const stepIndexOf = (r: TxRecord) => r.stepIndex ?? 0
