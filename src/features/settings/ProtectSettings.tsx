import { type ReactNode, useId } from 'react'
import { findChain } from '../../core/config/chains'
import {
  buildProtectUrl,
  fastModeBuildersNote,
  knownBuilders,
  protectHints,
  protectSettingsWarnings,
  useMempoolWarning,
} from '../../core/protect/url'
import { useRuntimeConfig } from '../../shared/context/config-context'
import { Icon } from '../../shared/ui/Icon'
import { useProtectSettingsForm } from './useProtectSettingsForm'

const toggle = <T,>(list: T[], value: T, on: boolean) =>
  on ? [...list, value] : list.filter((v) => v !== value)

/** The Flashbots Protect URL parameters used by "Protect this wallet". */
export function ProtectSettings() {
  const form = useProtectSettingsForm()
  const { draft, update, errors } = form
  const config = useRuntimeConfig()
  const chain = findChain(config, config.defaultChainId) ?? config.chains.find((c) => c.protect)
  const preview =
    form.settings && chain?.protect ? buildProtectUrl(chain.protect.rpcUrl, form.settings) : undefined
  const id = useId()
  const warnings = form.settings ? protectSettingsWarnings(form.settings) : []
  return (
    <form
      className="protect-settings"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault()
        form.save()
      }}
      noValidate
    >
      <h2 id={`${id}-title`}>Flashbots Protect</h2>
      <p className="muted">
        These choices become parameters of the Protect RPC URL that "Protect this wallet" adds to your wallet.
        They apply after you protect the wallet again.
      </p>
      <label className="protect-check">
        <input
          type="checkbox"
          checked={draft.fast}
          onChange={(e) => update((d) => ({ ...d, fast: e.target.checked }))}
        />{' '}
        Fast mode (sends to every registered builder; recommended by Flashbots)
      </label>
      <fieldset aria-describedby={errors.hints ? `${id}-hints-error` : undefined}>
        <legend>Hints shared with searchers</legend>
        <p className="muted">
          None ticked = Protect's default (hash and default logs). Any tick disables the rest.
        </p>
        <div className="protect-options">
          {protectHints.map((hint) => (
            <label key={hint} className="protect-check">
              <input
                type="checkbox"
                checked={draft.hints.includes(hint)}
                onChange={(e) => update((d) => ({ ...d, hints: toggle(d.hints, hint, e.target.checked) }))}
              />{' '}
              <code>{hint}</code>
            </label>
          ))}
        </div>
        <FieldError id={`${id}-hints-error`}>{errors.hints}</FieldError>
      </fieldset>
      <fieldset>
        <legend>Builders</legend>
        <p className="muted">{draft.fast ? fastModeBuildersNote : 'Flashbots is always included.'}</p>
        <div className="protect-options">
          {knownBuilders.map((builder) => (
            <label key={builder} className="protect-check">
              <input
                type="checkbox"
                disabled={draft.fast}
                checked={draft.builders.includes(builder)}
                onChange={(e) =>
                  update((d) => ({ ...d, builders: toggle(d.builders, builder, e.target.checked) }))
                }
              />{' '}
              {builder}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset aria-describedby={errors.refunds ? `${id}-refunds-error` : undefined}>
        <legend>MEV refunds</legend>
        <p className="muted">
          Optional: who receives the refund of MEV from your transactions, each 1–99 %, at most 100 % in
          total. Without any, Protect refunds 90 % to the sender.
        </p>
        {draft.refunds.map((refund, i) => {
          const addressError = errors[`refunds.${i}.address`]
          const percentError = errors[`refunds.${i}.percent`]
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position
            <div key={i} className="protect-refund">
              <label>
                Refund address {i + 1}
                <input
                  value={refund.address}
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={Boolean(addressError)}
                  aria-describedby={addressError ? `${id}-refund-${i}-address` : undefined}
                  onChange={(e) =>
                    update((d) => ({
                      ...d,
                      refunds: d.refunds.map((r, j) => (j === i ? { ...r, address: e.target.value } : r)),
                    }))
                  }
                />
              </label>
              <FieldError id={`${id}-refund-${i}-address`}>{addressError}</FieldError>
              <label>
                Percent
                <input
                  value={refund.percent}
                  inputMode="numeric"
                  className="protect-percent"
                  aria-invalid={Boolean(percentError)}
                  aria-describedby={percentError ? `${id}-refund-${i}-percent` : undefined}
                  onChange={(e) =>
                    update((d) => ({
                      ...d,
                      refunds: d.refunds.map((r, j) => (j === i ? { ...r, percent: e.target.value } : r)),
                    }))
                  }
                />
              </label>
              <FieldError id={`${id}-refund-${i}-percent`}>{percentError}</FieldError>
              <button
                type="button"
                className="small"
                onClick={() => update((d) => ({ ...d, refunds: d.refunds.filter((_, j) => j !== i) }))}
              >
                Remove refund {i + 1}
              </button>
            </div>
          )
        })}
        <button
          type="button"
          className="small"
          disabled={draft.refunds.length >= 10}
          onClick={() => update((d) => ({ ...d, refunds: [...d.refunds, { address: '', percent: '' }] }))}
        >
          Add refund recipient
        </button>
        <FieldError id={`${id}-refunds-error`}>{errors.refunds}</FieldError>
      </fieldset>
      <label className="protect-field">
        Origin ID (tells Flashbots support which app sent a transaction)
        <input
          value={draft.originId}
          spellCheck={false}
          aria-invalid={Boolean(errors.originId)}
          aria-describedby={errors.originId ? `${id}-origin-error` : undefined}
          onChange={(e) => update((d) => ({ ...d, originId: e.target.value }))}
        />
      </label>
      <FieldError id={`${id}-origin-error`}>{errors.originId}</FieldError>
      <label className="protect-check">
        <input
          type="checkbox"
          checked={draft.useMempool}
          aria-describedby={draft.useMempool ? `${id}-mempool-warning` : undefined}
          onChange={(e) => update((d) => ({ ...d, useMempool: e.target.checked }))}
        />{' '}
        Fall back to the public mempool
      </label>
      {draft.useMempool && (
        <p id={`${id}-mempool-warning`} className="banner banner-warning" role="note">
          <Icon name="warning" /> {useMempoolWarning}
        </p>
      )}
      {preview && (
        <p className="protect-preview">
          RPC URL for {chain?.name}: <code data-testid="protect-url-preview">{preview}</code>
        </p>
      )}
      {warnings.length > 0 && <span className="visually-hidden">{warnings.join(' ')}</span>}
      <button type="submit" className="primary" disabled={!form.valid}>
        Save Protect settings
      </button>{' '}
      <span role="status" className="muted">
        {form.saved ? 'Saved. Press "Protect this wallet" again to use the new URL.' : ''}
      </span>
    </form>
  )
}

function FieldError({ id, children }: { id: string; children: ReactNode }) {
  if (!children) return null
  return (
    <p id={id} className="error-text">
      {children}
    </p>
  )
}
