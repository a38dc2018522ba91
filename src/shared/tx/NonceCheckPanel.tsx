import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Address } from 'viem'
import { useAccount, usePublicClient } from 'wagmi'
import { feePresetsQueryOptions } from '../../core/fees/queryOptions'
import { checkNonces, type NonceReport, problemFix } from '../../core/tx/fix/nonceCheck'
import { useChainPrices } from '../prices/useChainPrices'
import { Icon } from '../ui/Icon'
import { FixButton, FixCost } from './DiagnosisPanel'
import { useActivity } from './useActivity'
import { useDiagnosisContext } from './useDiagnosis'

/** The connected account's nonce check: the chain's next nonce against Hush's records and Protect's statuses. */
export function useNonceCheck(): {
  report: NonceReport | undefined
  error: Error | null
  connected: boolean
} {
  const { address, chainId } = useAccount()
  const connected = Boolean(address && chainId)
  const { ctx, state } = useDiagnosisContext(chainId ?? 0, address as Address | undefined, connected)
  const report =
    connected && address && chainId !== undefined && ctx.chainNonce !== undefined
      ? checkNonces({ chainId, address }, { ...ctx, chainNonce: ctx.chainNonce })
      : undefined
  return { report, error: state.error, connected }
}

/** The one fix of what blocks the account (problemFix: the same one the simulator's user presses). */
function BlockerFix({ report, onResult }: { report: NonceReport; onResult: (said: string) => void }) {
  const records = useActivity()
  const prices = useChainPrices()
  const { blocker } = report
  const chainId = blocker?.kind === 'gap' ? blocker.before.chainId : blocker?.record.chainId
  const reader = usePublicClient({ chainId })
  const presets = useQuery({
    ...feePresetsQueryOptions(reader, chainId ?? 0),
    enabled: Boolean(reader && blocker),
  })
  const fix = blocker ? problemFix(blocker, records) : undefined
  if (!blocker || !fix) return null
  const { record, action } = fix
  return (
    <div className="diagnosis-fix" data-testid={`nonce-${blocker.kind}`}>
      <FixButton
        record={record}
        action={action}
        presets={presets.data}
        testId="nonce-fix"
        onResult={onResult}
      />
      <FixCost
        record={record}
        action={action}
        presets={presets.data}
        prices={prices.chainId === record.chainId ? prices.prices : undefined}
      />
    </div>
  )
}

/**
 * Activity's account check, shown only when something blocks the account's next transaction: the chain's next
 * nonce (from the app's read endpoints) against every open record and Protect's status of each, as one warning
 * with the one fix (through the one send pipeline) and its cost. Failed transactions say what the wallet may
 * show on their own cards.
 */
export function NonceCheckPanel() {
  const { report, connected } = useNonceCheck()
  const [said, setSaid] = useState<string | undefined>()
  // A box saying "nothing is wrong" on top of Activity was noise; a fix just pressed still gets its answer.
  if (!connected || !report || (!report.blocking && !said)) return null
  return (
    <section className="nonce-check" data-testid="nonce-check" aria-labelledby="nonce-check-title">
      <h2 id="nonce-check-title">
        <Icon name="warning" /> {report.blocking ? 'Your next transaction is blocked' : 'Account check'}
      </h2>
      <p role="status" data-testid="nonce-check-summary">
        {report.blocking ?? 'Nothing blocks your next transaction.'}
      </p>
      {said && (
        <p className="muted" role="status" data-testid="nonce-check-message">
          {said}
        </p>
      )}
      <BlockerFix report={report} onResult={setSaid} />
    </section>
  )
}

/**
 * On the pages that send: the same check, run before sending; says so when something blocks the account's
 * next transaction, with a link to Activity where each fix is one click.
 */
export function NonceBlockNotice() {
  const { report } = useNonceCheck()
  if (!report?.blocking) return null
  return (
    <p className="notice notice-bad" role="status" data-testid="nonce-blocking">
      {report.blocking} <a href="#/activity">Fix it on Activity</a>.
    </p>
  )
}
