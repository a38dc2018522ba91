import { classifyNodes, type ErrorCategory } from './category'
import { type CauseNode, causeChain } from './causes'
import { maskUrl, maskUrlsInText } from './mask'

export type ErrorContext = { method?: string; endpoint?: string; chainId?: number }

export type ClassifiedError = {
  category: ErrorCategory
  /** One user-facing sentence; URLs are masked to their host. */
  message: string
  context: { method?: string; endpoint?: string; chainId?: number }
  cause: unknown
}

/** The decoded revert reason (require message or custom error name) anywhere in the chain. */
export const revertReasonOf = (error: unknown) => revertReason(causeChain(error))

function revertReason(nodes: CauseNode[]): string | undefined {
  for (const node of nodes) {
    if (typeof node.raw.reason === 'string' && node.raw.reason) return node.raw.reason
    const data = node.raw.data as { errorName?: unknown; args?: unknown } | undefined
    if (data && typeof data.errorName === 'string' && data.errorName !== 'Error') return data.errorName
  }
  for (const node of nodes) {
    const match = /execution reverted:\s*([^\n]+)/i.exec(node.text)
    if (match?.[1]) return match[1].trim()
  }
  return undefined
}

function endpointFrom(nodes: CauseNode[], context: ErrorContext | undefined): string | undefined {
  if (context?.endpoint) return maskUrl(context.endpoint)
  for (const node of nodes) {
    if (typeof node.raw.url === 'string') return maskUrl(node.raw.url)
    if (typeof node.raw.endpoint === 'string') return maskUrl(node.raw.endpoint)
  }
  return undefined
}

function firstLine(nodes: CauseNode[]): string | undefined {
  const text = nodes.map((n) => n.text).find((t) => t.trim().length > 0)
  return text?.split('\n')[0]?.trim()
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.\s]+$/, '')
  return `${trimmed}.`
}

const sendMethods = new Set(['eth_sendTransaction', 'eth_sendRawTransaction', 'wallet_sendCalls'])

function messageFor(
  category: ErrorCategory,
  nodes: CauseNode[],
  host: string | undefined,
  method?: string,
): string {
  const provider = host ? `The RPC provider ${host}` : 'The RPC provider'
  switch (category) {
    case 'user-rejected':
      return method && sendMethods.has(method)
        ? 'You declined the transaction in your wallet. Nothing was sent.'
        : 'You rejected the request in your wallet.'
    case 'insufficient-funds':
      return 'The account does not have enough funds to pay for the value plus gas.'
    case 'nonce':
      return 'The transaction nonce is out of date: another transaction from this account was sent first. Try again.'
    case 'fee-too-low':
      return 'The fee offered is below what the network currently requires; try again with a higher fee.'
    case 'reverted': {
      const reason = revertReason(nodes)
      return reason ? sentence(`The transaction would revert: ${reason}`) : 'The contract call reverted.'
    }
    case 'rate-limited':
      return `${provider} is rate-limiting requests (too many requests).`
    case 'timeout':
      return `${provider} did not answer in time.`
    case 'network': {
      const wrong = nodes.find((n) => n.name === 'MalformedResponseError' || n.name === 'StaleEndpointError')
      if (wrong) return sentence(`${provider} gave an unusable answer: ${wrong.text.split('\n')[0]}`)
      if (nodes.some((n) => /header not found|missing trie node/i.test(n.text)))
        return `${provider} is behind the chain head and could not serve the request.`
      return `Could not reach ${host ? `the RPC provider ${host}` : 'the RPC provider'}.`
    }
    case 'wrong-chain': {
      const ours = nodes.find((n) => n.name === 'WrongChainError')
      if (ours) return sentence(ours.text.split('\n')[0] ?? '')
      return 'The wallet or endpoint is on a different chain than expected.'
    }
    case 'unsupported':
      return method
        ? `The wallet or provider does not support ${method}.`
        : 'The wallet or provider does not support this request.'
    case 'unknown': {
      const line = firstLine(nodes)
      return line ? sentence(line) : 'Something went wrong.'
    }
  }
}

/** Maps anything thrown to one category and one masked, user-facing sentence, keeping the original error. */
/** With several endpoints failing, the sentence names every one of them, not only the most telling. */
function allFailedMessage(nodes: CauseNode[]): string | undefined {
  const all = nodes.find((n) => n.name === 'AllEndpointsFailedError')?.raw.endpoints
  if (!Array.isArray(all) || all.length < 2) return undefined
  const parts = all
    .filter(
      (e): e is { name: string; message: string } =>
        typeof e?.name === 'string' && typeof e?.message === 'string',
    )
    .map((e) => `${e.name}: ${e.message.replace(/\.$/, '')}`)
  return parts.length < 2 ? undefined : `Every read endpoint failed (${parts.join('; ')}).`
}

export function classifyError(error: unknown, context?: ErrorContext): ClassifiedError {
  const nodes = causeChain(error)
  const category = classifyNodes(nodes)
  const endpoint = endpointFrom(nodes, context)
  const message = maskUrlsInText(
    (category !== 'reverted' && category !== 'user-rejected' ? allFailedMessage(nodes) : undefined) ??
      messageFor(category, nodes, endpoint, context?.method),
  )
  const out: ClassifiedError['context'] = {}
  if (context?.method) out.method = context.method
  if (endpoint) out.endpoint = endpoint
  if (context?.chainId !== undefined) out.chainId = context.chainId
  return { category, message, context: out, cause: error }
}
