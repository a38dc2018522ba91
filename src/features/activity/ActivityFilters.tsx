import { useId } from 'react'
import { shortAddress } from '../../core/format/time'
import { type StatusFilter, statusFilterLabel, statusFilters } from '../../core/tx/records/timeline'

export type Filters = { status: StatusFilter; account: string | undefined }

/** Filters by status (with how many rows each shows) and, when more than one account sent, by account. */
export function ActivityFilters(props: {
  filters: Filters
  onChange: (next: Filters) => void
  counts: Record<StatusFilter, number>
  accounts: string[]
}) {
  const statusId = useId()
  const accountId = useId()
  const { filters, onChange } = props
  return (
    <fieldset className="activity-filters">
      <legend className="visually-hidden">Filter activity</legend>
      <label htmlFor={statusId}>
        Status{' '}
        <select
          id={statusId}
          data-testid="filter-status"
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.currentTarget.value as StatusFilter })}
        >
          {statusFilters.map((s) => (
            <option key={s} value={s}>
              {statusFilterLabel[s]} ({props.counts[s]})
            </option>
          ))}
        </select>
      </label>
      {props.accounts.length > 1 && (
        <label htmlFor={accountId}>
          Account{' '}
          <select
            id={accountId}
            data-testid="filter-account"
            value={filters.account ?? ''}
            onChange={(e) => onChange({ ...filters, account: e.currentTarget.value || undefined })}
          >
            <option value="">All accounts</option>
            {props.accounts.map((a) => (
              <option key={a} value={a} title={a}>
                {shortAddress(a)}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  )
}
