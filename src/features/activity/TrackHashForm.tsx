import { type FormEvent, useState } from 'react'
import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { classifyError } from '../../core/errors/classify'
import { lookUpTransaction, parseTxHash, trackedRecord } from '../../core/proof/trackHash'
import { newRecordId, recordStore } from '../../core/tx/records/records'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { useRpcManager } from '../../shared/context/rpcContext'
import { Icon } from '../../shared/ui/Icon'

type Outcome = { kind: 'error'; message: string } | { kind: 'done'; message: string } | undefined

/**
 * Paste a hash sent from another app or wallet: it is looked up on the chain's read endpoints and becomes a
 * tracked record with the same status and privacy verdict as a transaction sent from Hush.
 */
// Over 80 lines: one form whose state hooks (input, lookup, errors) every part of it reads.
export function TrackHashForm() {
  const config = useRuntimeConfig()
  const rpc = useRpcManager()
  const { chainId: walletChain } = useAccount()
  const [chainId, setChainId] = useState<number>(
    () => findChain(config, walletChain)?.id ?? config.chains[0]?.id ?? 1,
  )
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>()
  const chain = findChain(config, chainId)

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (busy || !chain) return
    const parsed = parseTxHash(text)
    if (!parsed.ok) return setOutcome({ kind: 'error', message: parsed.message })
    const existing = recordStore()
      .list()
      .find((r) => r.hash?.toLowerCase() === parsed.hash && r.chainId === chain.id)
    if (existing) return setOutcome({ kind: 'done', message: 'Already in your activity (see below).' })
    setBusy(true)
    setOutcome(undefined)
    try {
      const found = await lookUpTransaction(rpc.pool(chain.id), parsed.hash)
      if (!found.found) {
        setOutcome({
          kind: 'error',
          message: `None of ${chain.name}'s ${found.asked} read endpoint${found.asked === 1 ? '' : 's'} that answered knows this transaction. Check the hash and the chain; a private transaction is unknown until it is included.`,
        })
        return
      }
      recordStore().add(
        trackedRecord({
          id: newRecordId(),
          chainId: chain.id,
          tx: found.tx,
          chainHasProtect: Boolean(chain.protect),
          now: Date.now(),
        }),
      )
      setText('')
      setOutcome({ kind: 'done', message: `Tracking it (found on ${found.endpointName}).` })
    } catch (error) {
      setOutcome({
        kind: 'error',
        message: `Could not look it up: ${classifyError(error, { chainId: chain.id }).message} Nothing was added; try again.`,
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="track-hash" onSubmit={onSubmit} aria-labelledby="track-hash-title" noValidate>
      <h2 id="track-hash-title">Track a transaction</h2>
      <p className="muted">Sent from another app or wallet? Paste its hash or explorer link.</p>
      <div className="track-hash-row">
        {config.chains.length > 1 && (
          <select
            aria-label="Chain"
            value={chainId}
            onChange={(e) => setChainId(Number(e.target.value))}
            data-testid="track-hash-chain"
          >
            {config.chains.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <input
          id="track-hash"
          aria-label="Transaction hash"
          placeholder="0x…"
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value)
            if (outcome?.kind === 'error') setOutcome(undefined)
          }}
          aria-invalid={outcome?.kind === 'error'}
          aria-describedby={outcome ? 'track-hash-message' : undefined}
          data-testid="track-hash-input"
        />
        <button type="submit" disabled={busy} data-testid="track-hash-submit">
          {busy ? 'Looking it up…' : 'Track'}
        </button>
      </div>
      {outcome && (
        <p
          id="track-hash-message"
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          className={outcome.kind === 'error' ? 'field-error' : 'muted'}
          data-testid="track-hash-message"
        >
          <Icon name={outcome.kind === 'error' ? 'cross' : 'check'} /> {outcome.message}
        </p>
      )}
    </form>
  )
}
