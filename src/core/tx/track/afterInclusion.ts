import type { Hex } from 'viem'
import { fetchProtectStatus, type ProtectStatusResult } from '../../protect/status'
import { applyEvent } from '../records/lifecycle'
import type { RecordStore, TxRecord } from '../records/records'
import { logAnswer, readProof } from './observations'
import { derivePrivacy } from './privacy'

/**
 * Protect's status API is asked once more after inclusion: its `seenInMempool` can turn true after the last
 * answer tracking had while the transaction was pending. Bounded: this many tries (one per look), then the
 * verdict stays "likely private" and says the answer is missing.
 */
export const afterInclusionTries = 3

/** Whether an included, protected record still waits for its after-inclusion answer. */
export function awaitsAfterInclusion(record: TxRecord): boolean {
  if (!record.hash || !record.protected || !record.receipt) return false
  if (record.status !== 'INCLUDED' && record.status !== 'REVERTED') return false
  if (record.privacy === 'went-public' || record.privacy === 'privacy-lost') return false
  const after = readProof(record).api?.afterInclusion
  return after?.seenInMempool === undefined && (after?.tries ?? 0) < afterInclusionTries
}

type Deps = {
  statusUrl?: string
  fetchStatus?: (statusUrl: string, hash: Hex) => Promise<ProtectStatusResult>
  store: RecordStore
  readEndpointCount: number
}

/** One after-inclusion ask; a chain without a status API ends the wait at once. */
export async function askAfterInclusion(
  deps: Deps,
  record: TxRecord,
  now: number,
): Promise<TxRecord | undefined> {
  const proof = readProof(record)
  const hash = record.hash as Hex
  const result: ProtectStatusResult = deps.statusUrl
    ? await (deps.fetchStatus ?? fetchProtectStatus)(deps.statusUrl, hash)
    : { kind: 'unavailable', reason: 'this chain has no Protect status API' }
  const tries = deps.statusUrl ? undefined : afterInclusionTries
  const privacy = derivePrivacy({
    protected: true,
    previous: record.privacy,
    watch: proof.watch,
    api: proof.api,
    protectStatus: undefined,
    afterInclusion: result,
    view: undefined,
    mined: true,
    configuredEndpoints: proof.watch?.configured ?? deps.readEndpointCount,
    sentAt: record.createdAt,
    now,
  })
  const api = privacy.api && tries ? { ...privacy.api, afterInclusion: { tries, at: now } } : privacy.api
  const text =
    result.kind === 'ok'
      ? `after inclusion: ${result.status.status}, ${result.status.seenInMempool ? 'seen in the public mempool' : 'not seen in the public mempool'}`
      : `after inclusion: unavailable: ${result.reason}`
  return applyEvent(deps.store, record.id, {
    kind: 'observed',
    patch: {
      privacy: privacy.privacy,
      ...(privacy.watch ? { watch: privacy.watch } : {}),
      ...(api ? { api } : {}),
      log: logAnswer(proof.log, { source: 'status-api', text: text.slice(0, 300) }, now),
    },
  })
}
