import { overpay } from '../../core/fees/editor'
import type { CustomFeeInput, FeePresetName, Fees } from '../../core/fees/presets'
import type { Prices } from '../../core/prices/feeds'
import { Amount, Fiat, GweiAmount } from '../../shared/ui/Amount'
import { Icon } from '../../shared/ui/Icon'
import { FeeCapNote } from './FeeCapNote'
import { Field } from './Field'
import type { FeeState } from './useFeeChoice'

type Props = {
  fee: FeeState
  /** The valid fees in effect (preset or custom), if any. */
  fees: Fees | undefined
  error: { field: keyof CustomFeeInput; message: string } | undefined
  gasLimit: bigint
  native: { symbol: string; decimals: number }
  prices: Prices | undefined
}

const presetNames: FeePresetName[] = ['slow', 'normal', 'fast']
const presetLabel: Record<FeePresetName, string> = { slow: 'Slow', normal: 'Normal', fast: 'Fast' }

/**
 * The fee as one choice: Slow / Normal / Fast / Custom in a row, with what the chosen one can cost at most.
 * Custom opens its two fields in place and starts from the preset chosen before it; its errors stay at its
 * fields, and a fee far above Fast gets a warning with what it can cost. The mechanics (tip, max fee, base fee,
 * the presets' cap) are in FeeMechanics, under the review's Details.
 */
// Over 80 lines: the fee form: presets and custom fields share the same props and error display.
export function FeeEditor({ fee, fees, error, gasLimit, native, prices }: Props) {
  const data = fee.presets.data
  const warning =
    fee.choice === 'custom' && fees && data ? overpay(fees, data.presets.fast, gasLimit) : undefined
  const setField = (field: keyof CustomFeeInput, value: string) =>
    fee.setCustom({ ...fee.custom, [field]: value })
  return (
    <fieldset className="fees">
      <legend>Network fee</legend>
      {fee.presets.isError && <p className="error-text">Could not read fee history. Retrying…</p>}
      <div className="fee-segments">
        {presetNames.map((name) => {
          const preset = data?.presets[name]
          return (
            <label key={name} className="fee-option">
              <input
                type="radio"
                name="fee"
                value={name}
                checked={fee.choice === name}
                onChange={() => fee.choose(name)}
              />{' '}
              <span className="fee-name">{presetLabel[name]}</span>
              {/* Heard with the choice; shown under Details (FeeMechanics). */}
              {preset ? (
                <span className="fee-figures visually-hidden">
                  <span>
                    tip <GweiAmount wei={preset.maxPriorityFeePerGas} />
                  </span>
                  <span>
                    max <GweiAmount wei={preset.maxFeePerGas} />
                  </span>
                  <span className="muted">
                    up to <Amount value={gasLimit * preset.maxFeePerGas} {...native} fee />
                  </span>
                </span>
              ) : (
                <span className="visually-hidden"> loading…</span>
              )}
            </label>
          )
        })}
        <label className="fee-option">
          <input
            type="radio"
            name="fee"
            value="custom"
            checked={fee.choice === 'custom'}
            disabled={!data}
            onChange={() => fee.choose('custom')}
          />{' '}
          <span className="fee-name">Custom</span>
        </label>
      </div>
      <p className="fee-upto" data-testid="fee-upto">
        {fees ? (
          <>
            Up to <Amount value={gasLimit * fees.maxFeePerGas} {...native} fee />{' '}
            <Fiat
              prices={prices}
              asset="native"
              value={gasLimit * fees.maxFeePerGas}
              decimals={native.decimals}
            />
            {fee.choice === 'normal' ? ', usually much less' : ''}
          </>
        ) : fee.choice === 'custom' ? (
          'Fix the fee below to see what it can cost.'
        ) : (
          'Reading current fees…'
        )}
      </p>
      {fee.choice === 'custom' && (
        <div className="custom-fees">
          <Field
            id="fee-max"
            label="Max fee (gwei)"
            error={error?.field === 'maxFeeGwei' ? error.message : undefined}
          >
            {(aria) => (
              <input
                {...aria}
                inputMode="decimal"
                autoComplete="off"
                value={fee.custom.maxFeeGwei}
                onChange={(e) => setField('maxFeeGwei', e.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="fee-tip"
            label="Priority fee / tip (gwei)"
            error={error?.field === 'priorityFeeGwei' ? error.message : undefined}
          >
            {(aria) => (
              <input
                {...aria}
                inputMode="decimal"
                autoComplete="off"
                value={fee.custom.priorityFeeGwei}
                onChange={(e) => setField('priorityFeeGwei', e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      )}
      {warning && (
        <p className="warning-text" role="alert" data-testid="fee-overpay">
          <Icon name="warning" /> This fee is far above the Fast preset: it can cost up to{' '}
          <Amount value={warning.maxGasCost} {...native} fee />{' '}
          <Fiat
            prices={prices}
            asset="native"
            value={warning.maxGasCost}
            decimals={native.decimals}
            testId="fee-overpay-fiat"
          />{' '}
          in gas, against up to <Amount value={warning.fastMaxGasCost} {...native} fee /> at Fast. Fast is
          usually included within a block or two.
        </p>
      )}
    </fieldset>
  )
}

/** How the fee works, for the review's Details: each preset's tip and max fee, the base fee and the cap. */
export function FeeMechanics({ fee, gasLimit, native }: Pick<Props, 'fee' | 'gasLimit' | 'native'>) {
  const data = fee.presets.data
  if (!data) return <p className="muted">Fee estimates are still loading.</p>
  return (
    <div className="fee-mechanics">
      <p className="muted">
        EIP-1559 fees. Current base fee: <GweiAmount wei={data.baseFee} />. You pay the base fee plus the tip,
        never more than the max fee. Gas limit {gasLimit.toLocaleString()}.
      </p>
      <ul>
        {presetNames.map((name) => {
          const preset = data.presets[name]
          return (
            <li key={name}>
              {presetLabel[name]}: tip <GweiAmount wei={preset.maxPriorityFeePerGas} />, max{' '}
              <GweiAmount wei={preset.maxFeePerGas} />, up to{' '}
              <Amount value={gasLimit * preset.maxFeePerGas} {...native} fee />
            </li>
          )
        })}
      </ul>
      {fee.choice !== 'custom' && (
        <p className="muted fee-hint">Custom starts from the {presetLabel[fee.basePreset]} values.</p>
      )}
      <FeeCapNote presets={data} />
    </div>
  )
}
