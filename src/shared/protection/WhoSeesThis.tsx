import type { Address } from 'viem'
import { useAccount } from 'wagmi'
import { type WalletRoute, whoSees } from '../../core/protect/whoSees'
import { useAppliedSettings, useProtection, useProtectWallet } from './useProtection'
import { useGivenUrl } from './useProtectSettings'

/**
 * "Who sees this", for every review: one sentence from the Protect URL the wallet actually uses (as far as Hush
 * knows it), the details under it, and the offer to apply the current settings where Hush cannot vouch for them.
 */
export function WhoSeesThis({ from }: { from?: Address | undefined }) {
  const view = useProtection()
  const chain = view.kind === 'protected' || view.kind === 'not-protected' ? view.chain : undefined
  const { protectUrl, applied } = useAppliedSettings(view.kind === 'protected' ? view.chain : undefined)
  const { connector } = useAccount()
  const given = useGivenUrl(connector?.id, chain?.id)
  const apply = useProtectWallet(view.kind === 'protected' ? view.chain : undefined)
  const route: WalletRoute | undefined =
    view.kind === 'not-protected' || view.kind === 'no-protect'
      ? { kind: 'public' }
      : view.kind !== 'protected'
        ? undefined
        : applied === 'current' && protectUrl
          ? { kind: 'given', url: protectUrl, source: 'current' }
          : applied === 'older' && given
            ? { kind: 'given', url: given.url, source: 'older' }
            : { kind: 'unrecorded' }
  if (!route) return null
  const seen = whoSees(route, from)
  return (
    <section className="who-sees" aria-label="Who sees this transaction" data-testid="who-sees">
      <p>
        <strong>Who sees this:</strong> <span data-testid="who-sees-sentence">{seen.sentence}</span>
      </p>
      {seen.details.length > 0 && (
        <details>
          <summary>Details</summary>
          <ul>
            {seen.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </details>
      )}
      {seen.offerApply && (
        <button
          type="button"
          className="small"
          data-testid="who-sees-apply"
          disabled={apply.isPending || !apply.protectUrl}
          onClick={() => apply.mutate()}
        >
          {apply.isPending ? 'Waiting for your wallet…' : 'Apply your current settings to your wallet'}
        </button>
      )}
    </section>
  )
}
