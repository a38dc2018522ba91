import { NotBuiltYet } from '../../app/ui/NotBuiltYet'

export function SendPage(_props: { query: URLSearchParams }) {
  return <NotBuiltYet title="Send" what="sending ETH and tokens through Flashbots Protect." />
}
