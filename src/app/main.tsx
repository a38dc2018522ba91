import { config as zodConfig } from 'zod/v4/core'
import { configRequest } from './earlyConfig'
import { keepPressesAcrossSwaps, trackFocus } from './focusHandoff'
import './styles.css'
import { openWalletModal } from '../shared/ui/modalRequests'
import { isFramed, showFramedNotice } from './frameGuard'

/**
 * The entry is tiny on purpose: index.html already holds the painted shell, so nothing here may delay the
 * first paint. React, the config schema and the wallet stack load right after it.
 */
if (isFramed(window)) showFramedNotice(document, window.location.href)
else start()

function start() {
  void configRequest
  // zod probes `new Function` to compile parsers; under the CSP (no eval) the probe is a reported violation.
  // Set here, before any module that might parse runs.
  zodConfig({ jitless: true })
  trackFocus()
  keepPressesAcrossSwaps(() => openWalletModal('connect'))
  // The static navigation marks the current page too (the router takes over once React has loaded).
  const path = window.location.hash.replace(/^#/, '').split('?')[0] || '/wallet'
  document
    .querySelector(`header nav a[href="#${CSS.escape(path === '/' ? '/wallet' : path)}"]`)
    ?.setAttribute('aria-current', 'page')
  const root = document.getElementById('root')
  // Clicks on the static shell before React has loaded: a Connect press is kept and honoured once the modal
  // loads; the skip link moves focus itself (the hash belongs to the router).
  const onEarlyClick = (event: MouseEvent) => {
    if (!(event.target instanceof Element)) return
    if (event.target.closest('.connect button')) openWalletModal('connect')
    if (event.target.closest('.skip-link')) {
      event.preventDefault()
      document.getElementById('main')?.focus()
    }
  }
  document.addEventListener('click', onEarlyClick)
  requestAnimationFrame(() =>
    setTimeout(() => {
      // Separate imports are evaluated in separate tasks, so no single task blocks input for long (TBT).
      void import('./queryClient')
      void import('./wagmiConfig')
      void import('../core/config/load')
      void import('./AppRoot')
      import('./render').then(({ render }) => {
        document.removeEventListener('click', onEarlyClick)
        if (root) render(root)
      })
    }),
  )
}
