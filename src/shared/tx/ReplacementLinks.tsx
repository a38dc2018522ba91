import type { TxRecord } from '../../core/tx/records/records'

function name(record: TxRecord | undefined): string {
  if (!record) return 'another transaction'
  if (record.kind === 'cancel') return 'the cancel transaction'
  if (record.kind === 'speed-up') return 'the speed-up'
  return 'a new send'
}

/**
 * Links between a record and what it replaced or was replaced by (speed-up, cancel, send again), to the other
 * record on the Activity page. Nothing when the record stands alone.
 */
export function ReplacementLinks({ record, all }: { record: TxRecord; all: readonly TxRecord[] }) {
  const parent = record.replaces ?? record.resends
  const child = record.replacedBy ?? all.find((r) => r.resends === record.id)?.id
  if (!parent && !child) return null
  const link = (id: string) => `#/activity?record=${encodeURIComponent(id)}`
  return (
    <p className="tx-links muted">
      {child && (
        <span data-testid="tx-replaced-by">
          Replaced by <a href={link(child)}>{name(all.find((r) => r.id === child))}</a>.{' '}
        </span>
      )}
      {parent && (
        <span data-testid="tx-replaces">
          {typeof record.replaces === 'string' ? 'Replaces' : 'Sends again'}{' '}
          <a href={link(parent)}>the original transaction</a>.
        </span>
      )}
    </p>
  )
}
