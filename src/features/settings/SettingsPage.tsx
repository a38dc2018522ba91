import { NotBuiltYet } from '../../app/ui/NotBuiltYet'

export function SettingsPage() {
  return <NotBuiltYet title="Settings" what="endpoint and Protect settings." />
}
