import { NotBuiltYet } from '../../app/ui/NotBuiltYet'

export function BatchPage() {
  return <NotBuiltYet title="Batch" what="atomic EIP-5792 batches." />
}
