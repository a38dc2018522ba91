import { useState } from 'react'
import type { Address } from 'viem'
import { useAccount } from 'wagmi'
import { walletAfterFailure } from '../../core/tx/fix/diagnosis'
import { checkNonces, type NonceProblem, type NonceReport, problemFix } from '../../core/tx/fix/nonceCheck'
import { FixButton } from './DiagnosisPanel'
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

function problemText(p: NonceProblem): string {
  if (p.kind === 'gap')
    return `Nonce ${p.nonce} is missing: your transaction with nonce ${p.before.nonce} cannot be included until it is used.`
  if (p.kind === 'unknown')
    return `Nonce ${p.nonce}: your wallet did not confirm whether it sent this transaction, and nothing else uses that nonce, so Hush cannot tell yet. Filling nonce ${p.nonce} sends 0 to yourself at it: only one of the two can be included, so nothing is paid twice, and Hush then knows what happened.`
  if (p.kind === 'stuck') return `Nonce ${p.record.nonce}: ${p.diagnosis.title}. ${p.diagnosis.text}`
  return `Your transaction with nonce ${p.record.nonce} failed. ${walletAfterFailure}`
}

function ProblemFix({ problem, onResult }: { problem: NonceProblem; onResult: (said: string) => void }) {
  const records = useActivity()
  const fix = problemFix(problem, records)
  if (!fix) return null
  return (
    <FixButton
      record={fix.record}
      action={fix.action}
      presets={undefined}
      testId="nonce-fix"
      onResult={onResult}
    />
  )
}

/**
 * Activity's account nonce check: the chain's next nonce (from the app's read endpoints), every open record's
 * nonce and Protect's status of each; gaps, stuck transactions and failed ones the wallet may show as dropped,
 * each with its one fix (through the one send pipeline).
 */
export function NonceCheckPanel() {
  const { report, error, connected } = useNonceCheck()
  const [said, setSaid] = useState<string | undefined>()
  if (!connected) return null
  // Only when something needs the user: a problem, a failed read, or the answer to a fix just pressed. A box
  // saying "nothing is wrong" on top of Activity was noise.
  const quiet = !error && !said && (!report || (report.problems.length === 0 && !report.blocking))
  if (quiet) return null
  return (
    <section className="nonce-check" data-testid="nonce-check" aria-labelledby="nonce-check-title">
      <h2 id="nonce-check-title">
        {report?.blocking || report?.problems.length
          ? 'Something holds up your transactions'
          : 'Account check'}
      </h2>
      {!report ? (
        <p className="muted" role="status">
          {error
            ? `Could not read the account's nonce: ${error.message.split('\n')[0]}`
            : 'Reading the account’s nonce…'}
        </p>
      ) : (
        <>
          <p role="status" data-testid="nonce-check-summary">
            The chain expects nonce {report.chainNonce} next; {report.open.length} open transaction
            {report.open.length === 1 ? '' : 's'} from Hush.{' '}
            {report.blocking ?? 'Nothing blocks your next transaction.'}
          </p>
          {said && (
            <p className="muted" role="status" data-testid="nonce-check-message">
              {said}
            </p>
          )}
          {report.problems.length > 0 && (
            <ul className="nonce-problems">
              {report.problems.map((p) => (
                <li
                  key={`${p.kind}-${p.kind === 'gap' || p.kind === 'unknown' ? p.nonce : p.record.id}`}
                  data-testid={`nonce-${p.kind}`}
                >
                  <p>{problemText(p)}</p>
                  <ProblemFix problem={p} onResult={setSaid} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
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
