import { useEffect, useState } from 'react'
import { relativeTime } from '../../core/format/time'
import type { Prices } from '../../core/prices/feeds'
import { recordStatusText } from '../../core/tx/records/labels'
import type { TxRecord } from '../../core/tx/records/records'
import {
  type ActivityGroup,
  groupOriginal,
  groupPrivacy,
  privacyMark,
  startsExpanded,
} from '../../core/tx/records/timeline'
import { statusIcon } from '../../shared/tx/statusIcons'
import { describeRecord, TxRecordCard } from '../../shared/tx/TxRecordCard'
import { Amount, Fiat } from '../../shared/ui/Amount'
import { Icon } from '../../shared/ui/Icon'
import { ShortAddress } from '../../shared/ui/ShortAddress'

/** The group's outcome in words: a cancel on chain is "Cancelled"; a speed-up that won says so. */
function groupStatusText(group: ActivityGroup): string {
  const text = recordStatusText(group.status)
  return group.effective.kind === 'speed-up' && group.status === 'INCLUDED' ? `${text} (sped up)` : text
}

function What({ record, prices }: { record: TxRecord; prices: Prices | undefined }) {
  if (record.amount === undefined || !record.asset || record.kind !== 'transfer')
    return <>{describeRecord(record)}</>
  const value = BigInt(record.amount)
  return (
    <>
      <Amount
        value={value}
        decimals={record.asset.decimals}
        symbol={record.asset.symbol}
        testId="row-amount"
      />{' '}
      <Fiat
        prices={prices}
        asset={record.asset.address ?? 'native'}
        value={value}
        decimals={record.asset.decimals}
        testId="row-fiat"
        className="row-fiat"
      />
    </>
  )
}

/**
 * One row of the timeline: the original transaction in a line (amount, counterparty, when, outcome, privacy),
 * expanding to each of its transactions (newest first: every speed-up, cancel or send again, then the original)
 * with its lifecycle, figures and actions. What needs the user starts expanded; `focus` expands the row holding
 * that record.
 */
export function ActivityRow(props: {
  group: ActivityGroup
  now: number
  prices: Prices | undefined
  focus: string | undefined
}) {
  const { group, now } = props
  const original = groupOriginal(group)
  const holdsFocus = props.focus !== undefined && group.members.some((r) => r.id === props.focus)
  const [open, setOpen] = useState(() => holdsFocus || startsExpanded(group, now))
  useEffect(() => {
    if (holdsFocus) setOpen(true)
  }, [holdsFocus])
  const mark = privacyMark({ privacy: groupPrivacy(group) }, group.status)
  const count = group.members.length
  const showTo = ['transfer', 'call', 'tracked'].includes(original.kind)
  return (
    <li className="activity-row" data-testid="activity-row" data-status={group.status} data-group={group.id}>
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="activity-row-summary">
          <span className="row-what">
            <What record={original} prices={props.prices} />
          </span>
          {showTo && original.to && (
            <span className="row-to">
              to <ShortAddress address={original.to} testId="row-to" />
            </span>
          )}
          <time
            className="row-time muted"
            dateTime={new Date(original.createdAt).toISOString()}
            title={new Date(original.createdAt).toLocaleString()}
            data-testid="row-time"
          >
            {relativeTime(original.createdAt, now)}
          </time>
          <span className={`row-status tx-status-${group.status.toLowerCase()}`} data-testid="row-status">
            <Icon name={statusIcon(group.status)} /> {groupStatusText(group)}
          </span>
          <span className={`row-privacy privacy-${mark.tone}`} data-testid="row-privacy">
            <Icon name={mark.icon} /> {mark.label}
          </span>
          {count > 1 && (
            <span className="row-count muted" data-testid="row-count">
              {count} transactions
            </span>
          )}
        </summary>
        <div className="activity-row-detail">
          {group.members.map((r) => (
            <TxRecordCard key={r.id} record={r} prices={props.prices} />
          ))}
        </div>
      </details>
    </li>
  )
}
