import { maxUint256 } from 'viem'
import { assetUnit, type Native } from '../../core/proof/describe'
import type { AssetKey } from '../../core/proof/flows'
import type { Effects } from '../../core/proof/outcome'
import { Amount } from '../ui/Amount'

/** One figure of an outcome: an <Amount> for a known asset, base units with the token address otherwise. */
export function AssetAmount(props: {
  effects: Pick<Effects, 'tokens'>
  asset: AssetKey
  value: bigint
  native: Native
  signed?: boolean
  testId?: string
}) {
  const unit = assetUnit(props.effects, props.asset, props.native)
  return (
    <Amount
      value={props.value}
      decimals={unit.decimals}
      symbol={unit.symbol}
      signed={props.signed ?? true}
      testId={props.testId}
      className={props.value < 0n ? 'amount-negative' : props.value > 0n ? 'amount-positive' : undefined}
    />
  )
}

function Who({ address }: { address: string }) {
  return (
    <code className="proof-address" title={address}>
      {address}
    </code>
  )
}

/**
 * What a preview or a check says: the sender's balance per asset (the native figure before fees), what each
 * counterparty ends with, approvals, and recipients that get a different amount than the calls ask for.
 */
// Over 80 lines: one list of every kind of effect (balances, approvals, recipients), a few lines of JSX each.
export function EffectsList({
  effects,
  native,
  maxGasFee,
  fee,
  testId,
}: {
  effects: Effects
  native: Native
  /** Preview: the most the fees can be. */
  maxGasFee?: bigint | undefined
  /** Check: the fees paid. */
  fee?: bigint | undefined
  testId: string
}) {
  const nativeEntry = effects.sender.find((e) => e.asset === 'native')
  const tokens = effects.sender.filter((e) => e.asset !== 'native')
  return (
    <ul className="proof-effects" data-testid={testId}>
      <li data-testid={`${testId}-native`}>
        Your {native.symbol}:{' '}
        <AssetAmount
          effects={effects}
          asset="native"
          value={BigInt(nativeEntry?.amount ?? '0')}
          native={native}
        />
        {maxGasFee !== undefined && (
          <>
            {' '}
            plus at most{' '}
            <Amount
              value={maxGasFee}
              decimals={native.decimals}
              symbol={native.symbol}
              testId={`${testId}-max-fee`}
            />{' '}
            in fees
          </>
        )}
        {fee !== undefined && (
          <>
            {' '}
            plus{' '}
            <Amount value={fee} decimals={native.decimals} symbol={native.symbol} testId={`${testId}-fee`} />{' '}
            in fees
          </>
        )}
      </li>
      {tokens.map((e) => (
        <li key={e.asset} data-testid={`${testId}-token`}>
          Your {assetUnit(effects, e.asset, native).symbol}:{' '}
          <AssetAmount effects={effects} asset={e.asset} value={BigInt(e.amount)} native={native} />
        </li>
      ))}
      {effects.receives.map((r) => (
        <li key={`${r.to}-${r.asset}`} data-testid={`${testId}-receives`}>
          <Who address={r.to} /> {BigInt(r.amount) < 0n ? 'loses' : 'receives'}{' '}
          <AssetAmount
            effects={effects}
            asset={r.asset}
            value={BigInt(r.amount)}
            native={native}
            signed={false}
          />
          {r.shared && (
            <span className="muted">
              {' '}
              (its whole change in that block: other transactions there touched it too)
            </span>
          )}
        </li>
      ))}
      {effects.approvals.map((a) => {
        const amount = BigInt(a.amount)
        const symbol = assetUnit(effects, a.token, native).symbol
        return (
          <li
            key={`${a.token}-${a.spender}`}
            data-testid={`${testId}-approval`}
            className={amount === maxUint256 ? 'warning-text' : undefined}
          >
            Approval: <Who address={a.spender} /> may spend{' '}
            {amount === maxUint256 ? (
              <strong>an UNLIMITED amount of {symbol}</strong>
            ) : amount === 0n ? (
              <>none of your {symbol} (approval revoked)</>
            ) : (
              <>
                up to{' '}
                <AssetAmount
                  effects={effects}
                  asset={a.token}
                  value={amount}
                  native={native}
                  signed={false}
                />
              </>
            )}
          </li>
        )
      })}
      {effects.gaps.map((g) => (
        <li key={`gap-${g.to}-${g.asset}`} className="warning-text" data-testid={`${testId}-gap`}>
          <Who address={g.to} /> gets{' '}
          <AssetAmount
            effects={effects}
            asset={g.asset}
            value={BigInt(g.receives)}
            native={native}
            signed={false}
          />{' '}
          of the{' '}
          <AssetAmount
            effects={effects}
            asset={g.asset}
            value={BigInt(g.asked)}
            native={native}
            signed={false}
          />{' '}
          sent
          {BigInt(g.receives) < BigInt(g.asked) ? ' (the token keeps the rest)' : ''}
        </li>
      ))}
      {effects.omitted ? <li className="muted">{effects.omitted} more entries not shown.</li> : null}
    </ul>
  )
}
