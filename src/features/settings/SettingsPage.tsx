import { EndpointSettings } from './EndpointSettings'
import { ProtectSettings } from './ProtectSettings'

export function SettingsPage() {
  return (
    <section aria-labelledby="settings-title" className="settings-page">
      <h1 id="settings-title">Settings</h1>
      <ProtectSettings />
      <EndpointSettings />
    </section>
  )
}
