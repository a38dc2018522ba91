import { Icon } from '../../shared/ui/Icon'

/**
 * The approval inside a contract call, when it is unlimited, for all, above the balance or to a spender with no
 * code: the same warning as the token-approval action, and (except for the no-code case alone) the same tick.
 */
export function ApprovalConfirm(props: {
  id: string
  warning: string | undefined
  error: string | undefined
  showError: boolean
  confirmed: boolean
  needsTick: boolean
  onConfirm: (confirmed: boolean) => void
}) {
  const { id, warning, error, showError, confirmed, needsTick } = props
  if (!warning && !error && !confirmed) return null
  const errorId = `${id}-approvalConfirmed-error`
  return (
    <div className="batch-unlimited" role="alert" data-testid="approval-warning">
      {warning && (
        <p className="banner banner-warning">
          <Icon name="warning" /> {warning}
        </p>
      )}
      {(needsTick || confirmed) && (
        <label className="batch-check">
          <input
            type="checkbox"
            checked={confirmed}
            aria-invalid={error && showError ? true : undefined}
            aria-describedby={error && showError ? errorId : undefined}
            onChange={(e) => props.onConfirm(e.target.checked)}
          />
          I understand and want this approval
        </label>
      )}
      {error && showError && (
        <p id={errorId} className="error-text">
          {error}
        </p>
      )}
    </div>
  )
}
