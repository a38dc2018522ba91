import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react'

export type Route = { path: string; query: URLSearchParams }

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#/, '') || '/'
  const [rawPath = '/', rawQuery = ''] = body.split('?', 2)
  const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`
  return { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(rawQuery) }
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}

export const pages = [
  { path: '/wallet', label: 'Wallet' },
  { path: '/send', label: 'Send' },
  { path: '/batch', label: 'Batch' },
  { path: '/network', label: 'Network' },
  { path: '/activity', label: 'Activity' },
  { path: '/settings', label: 'Settings' },
] as const

const WalletPage = lazy(() =>
  import('../features/wallet/WalletPage').then((m) => ({ default: m.WalletPage })),
)
const SendPage = lazy(() => import('../features/send/SendPage').then((m) => ({ default: m.SendPage })))
const BatchPage = lazy(() => import('../features/batch/BatchPage').then((m) => ({ default: m.BatchPage })))
const NetworkPage = lazy(() =>
  import('../features/network/NetworkPage').then((m) => ({ default: m.NetworkPage })),
)
const ActivityPage = lazy(() =>
  import('../features/activity/ActivityPage').then((m) => ({ default: m.ActivityPage })),
)
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
)

function pageFor(route: Route): ReactNode {
  switch (route.path) {
    case '/':
    case '/wallet':
      return <WalletPage />
    case '/send':
      return <SendPage query={route.query} />
    case '/batch':
      return <BatchPage />
    case '/network':
      return <NetworkPage />
    case '/activity':
      return <ActivityPage query={route.query} />
    case '/settings':
      return <SettingsPage />
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            There is no page at <code>{route.path}</code>. <a href="#/wallet">Go to the wallet</a>.
          </p>
        </section>
      )
  }
}

export function RouteView({ route }: { route: Route }) {
  return (
    <Suspense
      fallback={
        <p role="status" className="muted">
          Loading page…
        </p>
      }
    >
      {pageFor(route)}
    </Suspense>
  )
}
