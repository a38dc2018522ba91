import { useEffect, useState } from 'react'
import type { Client } from 'viem'
import { findChain } from '../../core/config/chains'
import { classifyError } from '../../core/errors/classify'
import { witnessBlock } from '../../core/proof/blockWitness'
import { checkOutcome } from '../../core/proof/check'
import { readPreview } from '../../core/proof/onRecord'
import { outcomeCheckSubject } from '../../core/proof/subject'
import { applyEvent } from '../../core/tx/records/lifecycle'
import { recordStore, type TxRecord } from '../../core/tx/records/records'
import { useRuntimeConfig } from '../context/configContext'
import { useRpcManager } from '../context/rpcContext'
import { useActivity } from '../tx/useActivity'

/** One check per record and hash across every mounted card (the record shows on Send and on Activity). */
const running = new Set<string>()

export type CheckState = { kind: 'idle' } | { kind: 'checking' } | { kind: 'failed'; message: string }

/**
 * Once a record is on chain, checks what it actually did (one endpoint for every read) and stores the check on
 * the record. A failed read is shown as such with a retry; it never becomes a verdict.
 */
export function useOutcomeCheck(record: TxRecord): { state: CheckState; retry: () => void } {
  const config = useRuntimeConfig()
  const rpc = useRpcManager()
  const [state, setState] = useState<CheckState>({ kind: 'idle' })
  const [attempt, setAttempt] = useState(0)
  const all = useActivity()
  const subject = outcomeCheckSubject(record, all)
  const key = subject ? `${record.id} ${subject.hashes.join(',')}` : undefined

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run only for a new hash or a retry; the record's other fields change on every tracking tick
  useEffect(() => {
    if (!key || !subject || running.has(key)) return
    const chain = findChain(config, record.chainId)
    if (!chain) return
    running.add(key)
    setState({ kind: 'checking' })
    let live = true
    const input = {
      account: record.from,
      hashes: subject.hashes,
      calls: subject.calls,
      preview: readPreview(record),
      knownTokens: chain.tokens ?? [],
    }
    const pool = rpc.pool(chain.id)
    pool
      .withEndpoint((session) => checkOutcome(session.client as Client, input))
      .then(({ value, endpointId }) => witnessBlock(pool, { endpointId }, value))
      .then((value) => {
        applyEvent(recordStore(), record.id, { kind: 'checked', outcome: value })
        if (live) setState({ kind: 'idle' })
      })
      .catch((error: unknown) => {
        if (live) setState({ kind: 'failed', message: classifyError(error, { chainId: chain.id }).message })
      })
      .finally(() => running.delete(key))
    return () => {
      live = false
    }
  }, [key, attempt])

  return { state, retry: () => setAttempt((n) => n + 1) }
}
