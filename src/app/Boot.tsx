import { type ComponentType, useEffect, useState } from 'react'
import { ConfigError, loadRuntimeConfig } from '../core/config/load'
import type { RuntimeConfig } from '../core/config/schema'
import { ConfigErrorPage } from './ConfigErrorPage'

type AppRootProps = { config: RuntimeConfig }
type BootState =
  | { kind: 'loading' }
  | { kind: 'ready'; config: RuntimeConfig; AppRoot: ComponentType<AppRootProps> }
  | { kind: 'error'; error: unknown }

/** Loads config.json, then the wallet stack; the providers never render half-configured. */
export function Boot() {
  const [state, setState] = useState<BootState>({ kind: 'loading' })
  useEffect(() => {
    let cancelled = false
    Promise.all([loadRuntimeConfig(), import('./AppRoot')])
      .then(([{ config }, { AppRoot }]) => {
        if (!cancelled) setState({ kind: 'ready', config, AppRoot })
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ kind: 'error', error })
      })
    return () => {
      cancelled = true
    }
  }, [])

  if (state.kind === 'loading') {
    return (
      <p className="boot-message" role="status">
        Loading configuration…
      </p>
    )
  }
  if (state.kind === 'error') {
    return state.error instanceof ConfigError ? (
      <ConfigErrorPage error={state.error} />
    ) : (
      <main className="boot-error" role="alert">
        <h1>Hush could not start</h1>
        <p>{state.error instanceof Error ? state.error.message : String(state.error)}</p>
      </main>
    )
  }
  return <state.AppRoot config={state.config} />
}
