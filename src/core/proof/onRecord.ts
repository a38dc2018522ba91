import { applyEvent } from '../tx/records/lifecycle'
import type { RecordStore, TxRecord } from '../tx/records/records'
import { type OutcomeCheck, outcomeCheckSchema, type Preview, previewSchema } from './outcome'

/**
 * The preview and the outcome check travel on the activity record as its declared `preview` and `outcome`
 * (records.ts). Validated again on every read: a damaged one is treated as absent, never shown.
 */
export function readPreview(record: TxRecord): Preview | undefined {
  const parsed = previewSchema.safeParse(record.preview)
  return parsed.success ? parsed.data : undefined
}

export function readOutcome(record: TxRecord): OutcomeCheck | undefined {
  const parsed = outcomeCheckSchema.safeParse(record.outcome)
  return parsed.success ? parsed.data : undefined
}

/** Keeps the preview the user saw on the record just sent, for the outcome check and the proof. */
export function keepPreview(store: RecordStore, recordId: string, preview: Preview | undefined): void {
  const valid = previewSchema.safeParse(preview)
  if (valid.success) applyEvent(store, recordId, { kind: 'previewed', preview: valid.data })
}
