import { EndpointSettings } from './EndpointSettings'

export function SettingsPage() {
  return (
    <section aria-labelledby="settings-title" className="settings-page">
      <h1 id="settings-title">Settings</h1>
      <EndpointSettings />
    </section>
  )
}
