import { type FormEvent, useId, useState } from 'react'
import { useChainId } from 'wagmi'
import { classifyError } from '../../core/errors/classify'
import { WrongChainError } from '../../core/errors/errors'
import { maskUrl } from '../../core/errors/mask'
import { validateNewEndpoint } from '../../core/rpc/endpoints'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { usePoolSnapshot } from '../../shared/context/rpcContext'
import { endpointStatusLabel } from '../../shared/ui/endpointStatus'
import { Icon } from '../../shared/ui/Icon'
import { useEndpointSettings } from './useEndpointSettings'

// Over 80 lines: one settings form (add, edit, reorder, disable) whose state hooks every part reads.
export function EndpointSettings() {
  const config = useRuntimeConfig()
  const walletChainId = useChainId()
  const [chainId, setChainId] = useState(walletChainId)
  const { chain, endpoints, add, remove, setEnabled, move, reset } = useEndpointSettings(chainId)
  const snapshot = usePoolSnapshot(chainId)
  const [url, setUrl] = useState('')
  const [label, setLabel] = useState('')
  const [errors, setErrors] = useState<{ url?: string; label?: string }>({})
  const [announce, setAnnounce] = useState('')
  const ids = { url: useId(), label: useId(), urlError: useId(), labelError: useId(), chain: useId() }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found = validateNewEndpoint({ url, label }, endpoints)
    setErrors(found)
    if (found.url || found.label) return
    add({ url: url.trim(), label })
    setAnnounce(`Added ${label.trim() || maskUrl(url.trim())}; checking its chain id.`)
    setUrl('')
    setLabel('')
  }

  return (
    <section aria-labelledby="endpoint-settings-title" className="endpoint-settings">
      <h2 id="endpoint-settings-title">Read endpoints</h2>
      <p className="muted">
        Reads go through these endpoints in this order, skipping any that are down, lagging or on another
        chain. Each endpoint's chain id is checked before it is used.
      </p>
      {config.chains.length > 1 && (
        <p>
          <label htmlFor={ids.chain}>Chain </label>
          <select id={ids.chain} value={chainId} onChange={(e) => setChainId(Number(e.target.value))}>
            {config.chains.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.id})
              </option>
            ))}
          </select>
        </p>
      )}
      <ol className="endpoint-settings-list" data-testid="endpoint-settings-list">
        {endpoints.map((e, i) => {
          const view = snapshot?.endpoints.find((v) => v.id === e.id)
          const wrong =
            view?.wrongChainId !== undefined && chain
              ? classifyError(new WrongChainError(chain.id, view.wrongChainId)).message
              : undefined
          return (
            <li key={e.id}>
              <div className="endpoint-settings-row">
                <span>
                  <strong>{e.name}</strong> <span className="muted">{maskUrl(e.url)}</span>{' '}
                  <span className="muted">({e.source === 'user' ? 'added by you' : 'from config'})</span>
                </span>
                <span data-testid="endpoint-setting-status">
                  {view && (
                    <>
                      <Icon name={endpointStatusLabel[view.status].icon} />{' '}
                      {endpointStatusLabel[view.status].text}
                    </>
                  )}
                </span>
              </div>
              {wrong && (
                <p className="error-text" role="alert">
                  {wrong} It will not be used.
                </p>
              )}
              <div className="endpoint-settings-actions">
                <label>
                  <input
                    type="checkbox"
                    checked={e.enabled}
                    onChange={(ev) => setEnabled(e.id, ev.target.checked)}
                  />{' '}
                  Enabled
                </label>
                <button type="button" className="small" disabled={i === 0} onClick={() => move(e.id, -1)}>
                  Move up<span className="visually-hidden"> {e.name}</span>
                </button>
                <button
                  type="button"
                  className="small"
                  disabled={i === endpoints.length - 1}
                  onClick={() => move(e.id, 1)}
                >
                  Move down<span className="visually-hidden"> {e.name}</span>
                </button>
                <button
                  type="button"
                  className="small"
                  disabled={endpoints.length === 1}
                  onClick={() => {
                    remove(e.id)
                    setAnnounce(`Removed ${e.name}.`)
                  }}
                >
                  Remove<span className="visually-hidden"> {e.name}</span>
                </button>
              </div>
            </li>
          )
        })}
      </ol>
      <form onSubmit={submit} noValidate className="endpoint-add-form">
        <h3>Add an endpoint</h3>
        <div className="field">
          <label htmlFor={ids.url}>RPC URL</label>
          <input
            id={ids.url}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://…"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={errors.url ? ids.urlError : undefined}
          />
          {errors.url && (
            <p id={ids.urlError} className="error-text">
              {errors.url}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.label}>Label (optional)</label>
          <input
            id={ids.label}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            aria-invalid={errors.label ? true : undefined}
            aria-describedby={errors.label ? ids.labelError : undefined}
          />
          {errors.label && (
            <p id={ids.labelError} className="error-text">
              {errors.label}
            </p>
          )}
        </div>
        <button type="submit">Add endpoint</button>{' '}
        <button
          type="button"
          onClick={() => {
            reset()
            setAnnounce('Endpoints restored to the configured list.')
          }}
        >
          Restore configured endpoints
        </button>
      </form>
      <p role="status" className="visually-hidden">
        {announce}
      </p>
    </section>
  )
}
