import { NotBuiltYet } from '../../app/ui/NotBuiltYet'

export function ActivityPage() {
  return <NotBuiltYet title="Activity" what="the history of transactions Hush sent." />
}
