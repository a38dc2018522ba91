import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { Simulation } from '../../core/tx/send/prepare'
import { usePoolSnapshot } from '../../shared/context/rpcContext'
import { Icon } from '../../shared/ui/Icon'

/** When it should arrive: the next block, with the chain's measured rhythm once the pool knows it. */
export function ArrivalLine({ chainId }: { chainId: number }) {
  const blockTimeMs = usePoolSnapshot(chainId)?.blockTimeMs
  return (
    <>
      Next block
      {blockTimeMs !== undefined ? `, about ${Math.max(1, Math.round(blockTimeMs / 1000))} s` : ''}
    </>
  )
}

/** What "private" promises, in one line, for the route this send takes. */
export function privacyLine(route: 'protected' | 'public' | 'no-protect' | 'unprotected'): ReactNode {
  switch (route) {
    case 'protected':
      return (
        <>
          <Icon name="lock" /> Private: it goes only to Flashbots Protect, never to the public mempool where
          bots could front-run it.
        </>
      )
    case 'public':
      return (
        <>
          <Icon name="warning" /> Public: you chose to send it to the public mempool, where bots can see and
          front-run it.
        </>
      )
    case 'no-protect':
      return (
        <>
          <Icon name="warning" /> Public: this chain has no Flashbots Protect, so it goes to the public
          mempool.
        </>
      )
    case 'unprotected':
      return (
        <>
          <Icon name="warning" /> Not private yet: your wallet is not on Flashbots Protect. Protect it, or
          choose below to send publicly.
        </>
      )
  }
}

/** The simulation's outcome in one line (gas figures are for Details). */
export function SimulationLine({
  simulation,
  gas,
}: {
  simulation: UseQueryResult<Simulation>
  gas: bigint | undefined
}) {
  const sim = simulation.data
  return (
    <p role="status" data-testid="simulation" className={sim?.ok === false ? 'error-text' : undefined}>
      {simulation.isPending ? (
        'Simulating the transaction…'
      ) : simulation.isError ? (
        'Could not simulate the transaction.'
      ) : sim?.ok ? (
        <>
          <Icon name="check" /> Simulation succeeded. Gas estimate {sim.gas.toLocaleString()}, gas limit{' '}
          {gas?.toLocaleString()}.
        </>
      ) : sim?.kind === 'reverted' ? (
        <>
          <Icon name="cross" /> The transaction would fail: {sim.message}
        </>
      ) : (
        <>
          <Icon name="cross" /> Could not simulate (the read failed, this is not a revert): {sim?.message}
        </>
      )}
      {sim?.ok === false && sim.kind === 'unreadable' && (
        <>
          {' '}
          <button type="button" className="small" onClick={() => void simulation.refetch()}>
            Retry
          </button>
        </>
      )}
    </p>
  )
}
