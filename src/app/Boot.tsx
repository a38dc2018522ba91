import { type ComponentType, startTransition, useEffect, useLayoutEffect, useState } from 'react'
import type { ConfigError } from '../core/config/load'
import type { RuntimeConfig } from '../core/config/schema'
import { ConnectPlaceholder } from '../shared/ui/ConnectPlaceholder'
import type { AppServices } from './AppRoot'
import { ConfigErrorPage } from './ConfigErrorPage'
import { configRequest } from './earlyConfig'
import { restoreFocus } from './focusHandoff'
import { ShellFrame } from './ShellFrame'

type AppRootProps = { config: RuntimeConfig; services: AppServices }
type BootResult =
  | { kind: 'ready'; config: RuntimeConfig; services: AppServices; AppRoot: ComponentType<AppRootProps> }
  | { kind: 'config-error'; error: ConfigError }
type BootState = { kind: 'loading' } | BootResult | { kind: 'error'; error: unknown }

let started: Promise<BootResult> | undefined

/**
 * The config schema (zod, viem's address checks) and the wallet stack load as chunks after the shell has
 * painted, which keeps the entry small. Memoised: React StrictMode runs effects twice and a body reads once.
 */
export function startOnce(): Promise<BootResult> {
  started ??= (async () => {
    const [load, root] = await Promise.all([import('../core/config/load'), import('./AppRoot')])
    try {
      const { config } = await load.loadRuntimeConfig(() => configRequest)
      return { kind: 'ready', config, services: root.createAppServices(config), AppRoot: root.AppRoot }
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
        // A transition lets React render the wallet stack in slices instead of one long task.
        if (!cancelled) startTransition(() => setState(result))
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ kind: 'error', error })
      })
    return () => {
      cancelled = true
    }
  }, [])

  useLayoutEffect(() => {
    if (state.kind !== 'loading') restoreFocus()
  }, [state.kind])

  switch (state.kind) {
    case 'loading':
      return (
        <ShellFrame connect={<ConnectPlaceholder busy />}>
          <BootIntro />
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
      return <state.AppRoot config={state.config} services={state.services} />
  }
}

/** Also in index.html, painted before any script: the first (and largest) paint costs no JavaScript. */
function BootIntro() {
  return (
    <section className="boot-intro" role="status">
      <p>
        Hush sends your Ethereum transactions privately through Flashbots Protect, so they never wait in the
        public mempool where bots can see and front-run them. Your wallet signs everything; Hush never holds
        keys.
      </p>
      <p className="muted">Loading…</p>
    </section>
  )
}
