import type { MouseEvent, ReactNode } from 'react'
import { pages, useHashRoute } from './router'

/**
 * The shell's layout without any wallet code: painted from the entry chunk while config.json, wagmi and the
 * page load, then reused by Shell, so the header does not move when the app is ready.
 */
export function ShellFrame({
  connect,
  status,
  banners,
  children,
}: {
  connect: ReactNode
  /** Shown left of the connect button: pending transactions and the protection badge. */
  status?: ReactNode
  banners?: ReactNode
  children: ReactNode
}) {
  const route = useHashRoute()
  const current = route.path === '/' ? '/wallet' : route.path
  return (
    <div className="shell">
      {/* biome-ignore lint/a11y/useValidAnchor: the hash is the router's, so the skip link moves focus itself instead of navigating to #main */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="#/wallet" aria-label="Hush home">
          Hush
        </a>
        <nav aria-label="Pages">
          <ul>
            {pages.map((p) => (
              <li key={p.path}>
                <a href={`#${p.path}`} aria-current={current === p.path ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="connect">
          {status}
          {connect}
        </div>
      </header>
      {banners}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault()
  document.getElementById('main')?.focus()
}
