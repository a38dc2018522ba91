import { useId, useMemo, useState } from 'react'
import { type Address, formatUnits } from 'viem'
import { formatAge } from '../../core/balances/format'
import type { BalancesSnapshot } from '../../core/balances/readBalances'
import type { ChainConfig } from '../../core/config/schema'
import { classifyError } from '../../core/errors/classify'
import type { Prices } from '../../core/prices/feeds'
import { removeUserToken } from '../../core/tokens/userTokens'
import { Amount, Fiat } from '../../shared/ui/Amount'
import { CopyButton } from '../../shared/ui/CopyButton'
import { Icon, type IconName } from '../../shared/ui/Icon'
import { useNow } from '../../shared/ui/useNow'
import { AddTokenForm } from './AddTokenForm'
import { type BalanceStatus, balanceView, type StaleReason } from './balanceStatus'
import { sessionStartedAt } from './sessionStart'
import { useBalances } from './useBalances'
import { useWalletTokens, type WalletToken } from './useWalletTokens'

// Over 80 lines: the balances table with its loading, lag and error states, from one snapshot read.
export function BalancesPanel({ chain, owner }: { chain: ChainConfig; owner: Address }) {
  const tokens = useWalletTokens(chain)
  const addresses = useMemo(() => tokens.map((t) => t.address), [tokens])
  const { query, head } = useBalances(chain, owner, addresses)
  const { snapshot, status, staleReason } = balanceView(query, chain.id, owner, sessionStartedAt, head)
  const [hideZero, setHideZero] = useState(false)
  const hideZeroId = useId()
  const visible = tokens.filter((t) => {
    const read = snapshot?.tokens[t.address]
    return !(hideZero && read?.status === 'ok' && read.value === 0n)
  })
  const native = chain.nativeCurrency
  // A fiat value only beside a fresh balance: a cached or stale read's price may be just as old.
  const shownPrices = status === 'fresh' ? snapshot?.prices : undefined
  return (
    <section className="wallet-balances" aria-labelledby="balances-heading">
      <div className="wallet-balances-head">
        <h2 id="balances-heading">Balances</h2>
        <label htmlFor={hideZeroId} className="wallet-toggle">
          <input
            id={hideZeroId}
            type="checkbox"
            checked={hideZero}
            onChange={(e) => setHideZero(e.target.checked)}
          />{' '}
          Hide zero balances
        </label>
      </div>
      <StatusLine
        status={status}
        staleReason={staleReason}
        query={query}
        snapshot={snapshot}
        head={head.latest}
      />
      <table className="wallet-table">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num">
              Balance
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="balance-row-native">
            <th scope="row">
              <span className="token-symbol">{native.symbol}</span>
              <span className="token-name muted">{native.name}</span>
            </th>
            <td className="num">
              {snapshot ? (
                <>
                  <Amount
                    value={snapshot.native}
                    decimals={native.decimals}
                    symbol={native.symbol}
                    testId="eth-balance"
                    state={status}
                  />
                  <Fiat
                    prices={shownPrices}
                    asset="native"
                    value={snapshot.native}
                    decimals={native.decimals}
                    testId="fiat-native"
                    className="fiat-line"
                  />
                </>
              ) : (
                <NoValue status={status} testId="eth-balance" />
              )}
            </td>
            <td>
              {snapshot && (
                <CopyButton
                  text={formatUnits(snapshot.native, native.decimals)}
                  label={`Copy ${native.symbol} balance`}
                />
              )}
            </td>
          </tr>
          {visible.map((token) => (
            <TokenRow
              key={token.address}
              chainId={chain.id}
              token={token}
              snapshot={snapshot}
              status={status}
              prices={shownPrices}
            />
          ))}
        </tbody>
      </table>
      {hideZero && visible.length < tokens.length && (
        <p className="muted">{tokens.length - visible.length} token(s) with a zero balance hidden.</p>
      )}
      <AddTokenForm chain={chain} listed={addresses} />
    </section>
  )
}

function TokenRow(props: {
  chainId: number
  token: WalletToken
  snapshot: BalancesSnapshot | undefined
  status: BalanceStatus
  prices: Prices | undefined
}) {
  const { chainId, token, snapshot, status } = props
  const read = snapshot?.tokens[token.address]
  const testId = `token-balance-${token.address}`
  const value = read?.status === 'ok' ? read.value : undefined
  return (
    <tr data-testid={`balance-row-${token.address}`}>
      <th scope="row">
        {/* Token strings come from the chain or the user: rendered as React text only, never as HTML. */}
        <span className="token-symbol">{token.symbol}</span>
        <span className="token-name muted">{token.name}</span>
      </th>
      <td className="num">
        {value !== undefined ? (
          <>
            <Amount
              value={value}
              decimals={token.decimals}
              symbol={token.symbol}
              testId={testId}
              state={status}
            />
            <Fiat
              prices={props.prices}
              asset={token.address}
              value={value}
              decimals={token.decimals}
              testId={`fiat-${token.address}`}
              className="fiat-line"
            />
          </>
        ) : snapshot ? (
          <span data-testid={testId} data-state="unreadable" className="error-text">
            Could not read this balance
          </span>
        ) : (
          <NoValue status={status} testId={testId} />
        )}
      </td>
      <td className="wallet-actions">
        {value !== undefined && (
          <CopyButton text={formatUnits(value, token.decimals)} label={`Copy ${token.symbol} balance`} />
        )}
        {token.source === 'user' && (
          <button
            type="button"
            className="small"
            aria-label={`Remove ${token.symbol} (${token.address})`}
            onClick={() => removeUserToken(chainId, token.address)}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  )
}

function NoValue({ status, testId }: { status: BalanceStatus; testId: string }) {
  return status === 'failed' ? (
    <span data-testid={testId} data-state="failed" className="error-text">
      Could not read (this is not a zero balance)
    </span>
  ) : (
    <span data-testid={testId} data-state="loading" className="muted">
      Loading…
    </span>
  )
}

function StatusLine(props: {
  status: BalanceStatus
  staleReason: StaleReason | undefined
  query: { error: unknown; dataUpdatedAt: number }
  snapshot: BalancesSnapshot | undefined
  head: bigint | undefined
}) {
  const { status, staleReason, query, snapshot, head } = props
  const aged = status === 'stale' || status === 'cached'
  const now = useNow(aged)
  const problem =
    status === 'failed' || staleReason === 'refresh-failed'
      ? `the last refresh failed (${classifyError(query.error).message})`
      : staleReason === 'head-unreadable'
        ? 'the latest block could not be read'
        : staleReason === 'endpoints-down'
          ? 'every read endpoint is failing right now'
          : staleReason === 'behind-head'
            ? `the chain is at block ${head?.toString() ?? '?'} and the refresh has not landed yet`
            : ''
  // The live region holds only the state, so the ticking age below does not re-announce every second.
  const label: Record<BalanceStatus, [IconName, string]> = {
    loading: ['clock', 'Reading balances…'],
    failed: ['warning', `Could not read balances: ${problem}.`],
    fresh: ['check', 'Up to date'],
    cached: ['archive', 'Cached from your last visit: refreshing…'],
    stale: ['warning', `Stale: ${problem}. Showing the last good values.`],
  }
  return (
    <div className={`wallet-status wallet-status-${status}`}>
      <p role="status" data-testid="balances-status" data-state={status}>
        <Icon name={label[status][0]} /> {label[status][1]}
      </p>
      {snapshot && (
        <p className="muted">
          <span data-testid="balances-block">As of block {snapshot.blockNumber.toString()}</span>
          {aged && (
            <span data-testid="balances-age">
              {' '}
              · last good read {formatAge(now - query.dataUpdatedAt)} ago
            </span>
          )}
        </p>
      )}
    </div>
  )
}
