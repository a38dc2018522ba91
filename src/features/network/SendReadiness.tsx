import type { PoolSnapshot } from '../../core/rpc/snapshot'
import { useProtection } from '../../shared/protection/useProtection'
import { Icon } from '../../shared/ui/Icon'

/**
 * The page's first answer: can I send now? The sending route (is the wallet on Flashbots Protect) and whether
 * reads work, with the latency of the endpoint in use. What Hush does not know it says it does not know.
 */
export function SendReadiness({ snapshot }: { snapshot: PoolSnapshot }) {
  const protection = useProtection()
  const serving = snapshot.endpoints.filter(
    (e) => e.enabled && (e.status === 'healthy' || e.status === 'degraded'),
  )
  const best = serving.find((e) => e.inUse) ?? serving[0]
  const route =
    protection.kind === 'protected'
      ? { ok: true, text: 'Sending works privately: your wallet sends through Flashbots Protect.' }
      : protection.kind === 'no-wallet'
        ? { ok: false, text: 'Connect a wallet to send.' }
        : protection.kind === 'no-protect'
          ? { ok: false, text: `${protection.chainName} has no Flashbots Protect: a send here is public.` }
          : protection.kind === 'checking'
            ? { ok: false, text: 'Checking whether your wallet sends through Flashbots Protect…' }
            : protection.kind === 'not-protected'
              ? {
                  ok: false,
                  text: 'Your wallet is not on Flashbots Protect: protect it in Settings to send privately.',
                }
              : { ok: false, text: 'Hush cannot tell where your wallet sends: check it in Settings.' }
  return (
    <div className="send-readiness" data-testid="send-readiness">
      <p className={route.ok ? 'ok-text' : undefined} data-testid="send-route">
        <Icon name={route.ok ? 'check' : 'warning'} /> {route.text}
      </p>
      <p data-testid="reads-state" className={best ? undefined : 'error-text'}>
        <Icon name={best ? 'check' : 'cross'} />{' '}
        {best
          ? `Reads work: ${serving.length} of ${snapshot.endpoints.filter((e) => e.enabled).length} endpoints answer${best.p50 !== undefined ? `, ${Math.round(best.p50)} ms typical` : ''}.`
          : 'No read endpoint answers right now: balances and checks wait until one does.'}
      </p>
    </div>
  )
}
