import { NotBuiltYet } from '../../app/ui/NotBuiltYet'

export function NetworkPage() {
  return <NotBuiltYet title="Network" what="live RPC endpoint health." />
}
