import { type ComponentType, useEffect, useState } from 'react'
import type { ConfigError } from '../core/config/load'
import type { RuntimeConfig } from '../core/config/schema'
import { ConfigErrorPage } from './ConfigErrorPage'
import { ShellFrame } from './ShellFrame'
import { ConnectPlaceholder } from './wallet-ui/ConnectPlaceholder'

type AppRootProps = { config: RuntimeConfig }
type BootResult =
  | { kind: 'ready'; config: RuntimeConfig; AppRoot: ComponentType<AppRootProps> }
  | { kind: 'config-error'; error: ConfigError }
type BootState = { kind: 'loading' } | BootResult | { kind: 'error'; error: unknown }

// Requested while the entry chunk is still evaluating, in parallel with the wallet stack's chunks.
const configRequest = fetch('config.json', { cache: 'no-cache', headers: { accept: 'application/json' } })
configRequest.catch(() => undefined) // handled (as a ConfigError) once the loader reads it

let started: Promise<BootResult> | undefined

/**
 * The config schema (zod, viem's address checks) and the wallet stack load as chunks after the shell has
 * painted, which keeps the entry small. Memoised: React StrictMode runs effects twice and a body reads once.
 */
function startOnce(): Promise<BootResult> {
  started ??= (async () => {
    const [load, root, zod] = await Promise.all([
      import('../core/config/load'),
      import('./AppRoot'),
      import('zod'),
    ])
    // zod probes `new Function` to compile parsers; under the CSP (no eval) that probe is a reported violation.
    zod.config({ jitless: true })
    try {
      const { config } = await load.loadRuntimeConfig(() => configRequest)
      return { kind: 'ready', config, AppRoot: root.AppRoot }
    } catch (error) {
      if (error instanceof load.ConfigError) return { kind: 'config-error', error }
      throw error
    }
  })()
  return started
}

/** Paints the shell at once, then loads config.json and the wallet stack; providers never run half-configured. */
export function Boot() {
  const [state, setState] = useState<BootState>({ kind: 'loading' })
  useEffect(() => {
    let cancelled = false
    startOnce()
      .then((result) => {
        if (!cancelled) setState(result)
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ kind: 'error', error })
      })
    return () => {
      cancelled = true
    }
  }, [])

  switch (state.kind) {
    case 'loading':
      return (
        <ShellFrame connect={<ConnectPlaceholder busy />}>
          <p className="boot-message" role="status">
            Loading Hush…
          </p>
        </ShellFrame>
      )
    case 'config-error':
      return <ConfigErrorPage error={state.error} />
    case 'error':
      return (
        <main className="boot-error" role="alert">
          <h1>Hush could not start</h1>
          <p>{state.error instanceof Error ? state.error.message : String(state.error)}</p>
        </main>
      )
    case 'ready':
      return <state.AppRoot config={state.config} />
  }
}
