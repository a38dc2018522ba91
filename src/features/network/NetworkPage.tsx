import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useState } from 'react'
import { useChainId } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { diagnosticsReport } from '../../core/rpc/diagnostics'
import type { PoolSnapshot } from '../../core/rpc/snapshot'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { usePoolSnapshot } from '../../shared/context/rpcContext'
import { Icon, type IconName } from '../../shared/ui/Icon'
import { EndpointCard } from './EndpointCard'
import { EventLog } from './EventLog'
import { SendReadiness } from './SendReadiness'
import { usePendingSupport, useSimulationSupport } from './useSimulationSupport'
import { WebSocketList } from './WebSocketList'

const LatencyChart = lazy(() => import('./LatencyChart'))

const liveText: Record<PoolSnapshot['liveState'], { icon: IconName; text: string }> = {
  live: { icon: 'dot', text: 'Live (WebSocket new heads)' },
  reconnecting: { icon: 'replace', text: 'Reconnecting WebSocket…' },
  polling: { icon: 'clock', text: 'Polling for new blocks' },
}

type PerformanceWithMemory = Performance & { memory?: { usedJSHeapSize: number } }

function useSystemStats() {
  const queryClient = useQueryClient()
  const read = () => {
    const memory = (performance as PerformanceWithMemory).memory
    return {
      cachedQueries: queryClient.getQueryCache().getAll().length,
      jsHeapMb: memory ? Math.round((memory.usedJSHeapSize / 1024 / 1024) * 10) / 10 : undefined,
    }
  }
  const [stats, setStats] = useState(read)
  // biome-ignore lint/correctness/useExhaustiveDependencies: read() only closes over the stable query client
  useEffect(() => {
    const timer = setInterval(() => setStats(read()), 2_000)
    return () => clearInterval(timer)
  }, [queryClient])
  return stats
}

export function NetworkPage() {
  const config = useRuntimeConfig()
  const chainId = useChainId()
  const chain = findChain(config, chainId)
  const snapshot = usePoolSnapshot(chainId)
  const system = useSystemStats()
  const enabledIds = snapshot?.endpoints.filter((e) => e.enabled).map((e) => e.id) ?? []
  const simulation = useSimulationSupport(chainId, enabledIds)
  const pending = usePendingSupport(chainId, enabledIds)
  if (!chain || !snapshot) {
    return (
      <section aria-labelledby="network-title">
        <h1 id="network-title">Network</h1>
        <p role="alert">Chain {chainId} is not configured in this deployment.</p>
      </section>
    )
  }
  return (
    <section aria-labelledby="network-title" className="network-page">
      <h1 id="network-title">Network</h1>
      <SendReadiness snapshot={snapshot} />
      <p className="muted">
        Read endpoints for {chain.name} (chain {chain.id}). Reads fail over to the next healthy endpoint; a
        hung, failing or lagging endpoint is taken out of rotation until it recovers.
      </p>
      <p role="status" data-testid="in-use-now" className="network-headline">
        {snapshot.headline}
      </p>

      <h2>Endpoints</h2>
      <ul className="endpoint-list">
        {snapshot.endpoints.map((e) => (
          <EndpointCard key={e.id} endpoint={e} simulation={simulation?.[e.id]} pending={pending?.[e.id]} />
        ))}
      </ul>

      <WebSocketList chainId={chain.id} urls={chain.ws ?? []} />

      <h2>Latency</h2>
      <Suspense fallback={<p className="muted">Loading chart…</p>}>
        <LatencyChart endpoints={snapshot.endpoints} now={snapshot.takenAt} />
      </Suspense>

      <h2>Events</h2>
      <EventLog events={snapshot.events} />

      <details className="details">
        <summary>
          <h2>Diagnostics</h2>
        </summary>
        <SystemPanel snapshot={snapshot} system={system} />
      </details>
      <CopyDiagnostics text={() => diagnosticsReport(snapshot, system, chain.name)} />
    </section>
  )
}

function SystemPanel({
  snapshot,
  system,
}: {
  snapshot: PoolSnapshot
  system: { cachedQueries: number; jsHeapMb?: number }
}) {
  return (
    <dl className="system-panel" data-testid="system-panel">
      <div>
        <dt>Requests per minute</dt>
        <dd>{snapshot.requestsPerMinute}</dd>
      </div>
      <div>
        <dt>In flight</dt>
        <dd>{snapshot.inFlight}</dd>
      </div>
      <div>
        <dt>Cached queries</dt>
        <dd>{system.cachedQueries}</dd>
      </div>
      <div>
        <dt>New heads</dt>
        <dd data-testid="live-state">
          <Icon name={liveText[snapshot.liveState].icon} /> {liveText[snapshot.liveState].text}
        </dd>
      </div>
      <div>
        <dt>Best head</dt>
        <dd>{snapshot.bestHead ?? '—'}</dd>
      </div>
      <div>
        <dt>Block interval</dt>
        <dd>
          {snapshot.blockTimeMs === undefined
            ? 'not learned yet'
            : `${(snapshot.blockTimeMs / 1000).toFixed(snapshot.blockTimeMs < 10_000 ? 1 : 0)} s`}
        </dd>
      </div>
      <div>
        <dt>Health probes</dt>
        <dd>{snapshot.probing ? 'running' : 'paused'}</dd>
      </div>
      <div>
        <dt>JS heap</dt>
        <dd>{system.jsHeapMb === undefined ? 'not exposed by this browser' : `${system.jsHeapMb} MB`}</dd>
      </div>
    </dl>
  )
}

function CopyDiagnostics({ text }: { text: () => string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2_000)
    return () => clearTimeout(timer)
  }, [state])
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text())
      setState('copied')
    } catch {
      setState('failed')
    }
  }
  return (
    <p className="copy-diagnostics">
      <button type="button" onClick={copy}>
        Copy diagnostics
      </button>{' '}
      <span role="status">
        {state === 'copied' ? (
          <>
            <Icon name="check" /> Diagnostics copied (endpoint hosts only, no keys).
          </>
        ) : state === 'failed' ? (
          <>
            <Icon name="cross" /> Could not copy: the browser blocked clipboard access.
          </>
        ) : null}
      </span>
    </p>
  )
}
