import type { ConfigError } from '../core/config/load'

export function ConfigErrorPage({ error }: { error: ConfigError }) {
  return (
    <main className="boot-error" role="alert" data-testid="config-error">
      <h1>This deployment's configuration is invalid</h1>
      <p>
        Hush did not start because <code>{error.source}</code> has problems. Nothing was sent and no wallet
        was contacted. The deployer needs to fix:
      </p>
      <ul>
        {error.problems.map((p) => (
          <li key={`${p.field}:${p.message}`}>
            <code>{p.field}</code> = <code>{p.value}</code>: {p.message}
          </li>
        ))}
      </ul>
    </main>
  )
}
