/** One link of an error's cause chain, reduced to what classification needs. */
export type CauseNode = {
  name: string
  code?: number
  status?: number
  text: string
  raw: Record<string, unknown>
}

const MAX_DEPTH = 12

/** The one walk of an error's cause chain: every error question in the app is answered from these links. */
export function causeChain(error: unknown): CauseNode[] {
  const nodes: CauseNode[] = []
  let current: unknown = error
  const seen = new Set<unknown>()
  while (current !== undefined && current !== null && nodes.length < MAX_DEPTH && !seen.has(current)) {
    seen.add(current)
    if (typeof current === 'string') {
      nodes.push({ name: 'string', text: current, raw: {} })
      break
    }
    if (typeof current !== 'object') break
    const raw = current as Record<string, unknown>
    const parts = [raw.shortMessage, raw.details, raw.reason, raw.message].filter(
      (p): p is string => typeof p === 'string',
    )
    nodes.push({
      name: typeof raw.name === 'string' ? raw.name : '',
      code: typeof raw.code === 'number' ? raw.code : undefined,
      status: typeof raw.status === 'number' ? raw.status : undefined,
      text: parts.join('\n'),
      raw,
    })
    // JSON-RPC error objects carry the provider's payload in `error` when wrapped by some libraries.
    current = raw.cause ?? (typeof raw.error === 'object' ? raw.error : undefined)
  }
  return nodes
}
