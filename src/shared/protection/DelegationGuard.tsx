import { revokeDelegationHelp } from '../../core/tx/send/delegationGuard'
import { ExternalLink } from '../ui/ExternalLink'
import { Icon } from '../ui/Icon'
import type { DelegationGuardState } from './useDelegationGuard'

/**
 * The EIP-7702 part of a review: an account delegated to a contract Hush does not know gets a warning naming the
 * delegate and a tick, required before the wallet is asked (the send pipeline checks it again). A delegate the
 * deployer listed gets nothing. A delegation that changed since the last visit is announced.
 */
export function DelegationGuard({ guard, atomic }: { guard: DelegationGuardState; atomic?: boolean }) {
  const { delegation, change } = guard
  return (
    <>
      {atomic && guard.plain && (
        <p className="notice" data-testid="delegation-upgrade">
          <Icon name="info" /> To send this as one atomic batch, your wallet may offer to upgrade your account
          to a smart account: an EIP-7702 delegation to a contract your wallet chooses. The delegation stays
          after this batch; check the contract your wallet names before you accept.
        </p>
      )}
      {change && (
        <p role="status" className="notice" data-testid="delegation-changed">
          <Icon name="info" /> Your account's delegation changed since your last visit:{' '}
          {change.before ? <code>{change.before}</code> : 'none'} →{' '}
          {change.after ? <code>{change.after}</code> : 'none'}.
        </p>
      )}
      {delegation?.kind === 'unknown' && (
        <div className="notice notice-bad" role="alert" data-testid="delegation-warning">
          <p>
            <Icon name="warning" /> <strong>Your account is delegated to an unknown contract</strong>{' '}
            (EIP-7702): <code data-testid="delegation-delegate">{delegation.delegate}</code>. That contract
            runs for your account and can move what it holds; many delegations seen on mainnet are to
            "sweepers" that drain every deposit.{' '}
            <ExternalLink href={revokeDelegationHelp}>How to revoke a delegation</ExternalLink>
          </p>
          <label className="check">
            <input
              type="checkbox"
              data-testid="delegation-tick"
              checked={guard.accepted === delegation.delegate}
              onChange={(e) => guard.setAccepted(e.currentTarget.checked ? delegation.delegate : undefined)}
            />{' '}
            I know and trust {delegation.delegate}; send from this delegated account.
          </label>
        </div>
      )}
    </>
  )
}
