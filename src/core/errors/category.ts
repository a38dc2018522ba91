import { type CauseNode, causeChain } from './causes'

export type ErrorCategory =
  | 'user-rejected'
  | 'insufficient-funds'
  | 'nonce'
  | 'fee-too-low'
  | 'reverted'
  | 'rate-limited'
  | 'timeout'
  | 'network'
  | 'wrong-chain'
  | 'unsupported'
  | 'unknown'

const byCode: Record<number, ErrorCategory> = {
  4001: 'user-rejected',
  4100: 'unsupported',
  4200: 'unsupported',
  5700: 'unsupported',
  5710: 'unsupported',
  4900: 'network',
  4901: 'wrong-chain',
  4902: 'wrong-chain',
  [-32005]: 'rate-limited',
  429: 'rate-limited',
  [-32601]: 'unsupported',
  [-32004]: 'unsupported',
  3: 'reverted',
}

const byName: Record<string, ErrorCategory> = {
  UserRejectedRequestError: 'user-rejected',
  InsufficientFundsError: 'insufficient-funds',
  NonceTooLowError: 'nonce',
  NonceTooHighError: 'nonce',
  NonceMaxValueError: 'nonce',
  FeeCapTooLowError: 'fee-too-low',
  LimitExceededRpcError: 'rate-limited',
  TimeoutError: 'timeout',
  AbortError: 'timeout',
  WrongChainError: 'wrong-chain',
  ChainMismatchError: 'wrong-chain',
  ChainNotConfiguredError: 'wrong-chain',
  SwitchChainError: 'wrong-chain',
  MethodNotFoundRpcError: 'unsupported',
  MethodNotSupportedRpcError: 'unsupported',
  UnsupportedProviderMethodError: 'unsupported',
  MalformedResponseError: 'network',
  WebSocketRequestError: 'network',
  SocketClosedError: 'network',
  StaleEndpointError: 'network',
  ContractFunctionRevertedError: 'reverted',
  ExecutionRevertedError: 'reverted',
  ContractFunctionZeroDataError: 'reverted',
}

/** Checked in this order over all messages; transport failures come before reverts on purpose. */
const byMessage: Array<[RegExp, ErrorCategory]> = [
  [
    /user (rejected|denied|cancell?ed)|rejected by (the )?user|action_rejected|request rejected/i,
    'user-rejected',
  ],
  [/insufficient funds|insufficient balance for transfer|exceeds (the )?balance/i, 'insufficient-funds'],
  [
    /replacement transaction underpriced|transaction underpriced|max fee per gas less than block base fee|fee cap|gas price too low|feetoolow/i,
    'fee-too-low',
  ],
  [
    /nonce too (low|high)|invalid nonce|nonce has already been used|already known|known transaction/i,
    'nonce',
  ],
  [
    /too many requests|rate.?limit|request count exceeded|exceeded .*(capacity|limit|quota)|compute units|request limit reached|throttl/i,
    'rate-limited',
  ],
  [/timed? ?out|timeout|deadline exceeded/i, 'timeout'],
  [
    /wrong chain|chain ?id mismatch|unrecognized chain|does not match the target chain|chain .* not (supported|configured)/i,
    'wrong-chain',
  ],
  [
    /method not found|does not exist ?\/ ?is not available|method .*not (supported|available|found)|unsupported method|unknown method|not supported/i,
    'unsupported',
  ],
  [
    /fetch failed|failed to fetch|network ?error|econn(refused|reset)|enotfound|eai_again|socket hang up|connection (refused|reset|closed)|header not found|missing trie node|unexpected token|not valid json|bad gateway|service unavailable|internal server error|http request failed/i,
    'network',
  ],
  [
    /execution reverted|reverted|\brevert\b|gas required exceeds allowance|invalid opcode|out of gas/i,
    'reverted',
  ],
]

function categoryOfHttpStatus(status: number): ErrorCategory {
  if (status === 429) return 'rate-limited'
  if (status === 408 || status === 504) return 'timeout'
  return 'network'
}

function categoryOfNode(node: CauseNode): ErrorCategory | undefined {
  if (node.code !== undefined && byCode[node.code]) return byCode[node.code]
  // Own keys only: an error named "__proto__" or "constructor" must not match Object.prototype.
  const named = Object.hasOwn(byName, node.name) ? byName[node.name] : undefined
  if (named) return named
  if (node.name === 'HttpRequestError') return categoryOfHttpStatus(node.status ?? 0)
  // A node that answered with Error(string) or Panic(uint256) revert data executed the call and reverted.
  if (typeof node.raw.data === 'string' && /^0x(08c379a0|4e487b71)/i.test(node.raw.data)) return 'reverted'
  return undefined
}

function categoryOfText(text: string): ErrorCategory | undefined {
  for (const [pattern, category] of byMessage) if (pattern.test(text)) return category
  return undefined
}

/** Errors of the transport itself: the request got no JSON-RPC answer at all. */
const transportNames = new Set([
  'HttpRequestError',
  'TimeoutError',
  'WebSocketRequestError',
  'SocketClosedError',
])

export function classifyNodes(nodes: CauseNode[]): ErrorCategory {
  // A user rejection anywhere in the chain is definitive.
  if (nodes.some((n) => n.code === 4001 || n.name === 'UserRejectedRequestError')) return 'user-rejected'
  // A transport failure anywhere means the chain never answered: never read that as a revert.
  const transport = nodes.find((n) => transportNames.has(n.name))
  if (transport) {
    const inner = nodes.map(categoryOfNode).find((c) => c === 'rate-limited' || c === 'timeout')
    return inner ?? categoryOfNode(transport) ?? 'network'
  }
  for (const node of nodes) {
    const category = categoryOfNode(node)
    if (category) return category
  }
  return categoryOfText(nodes.map((n) => n.text).join('\n')) ?? 'unknown'
}

/** The category alone, for the predicates; `classifyError` adds the sentence. */
export function errorCategory(error: unknown): ErrorCategory {
  return classifyNodes(causeChain(error))
}

/** Failures worth another attempt on the same or another endpoint; rejections and reverts are final. */
export function isTransient(category: ErrorCategory): boolean {
  return (
    category === 'rate-limited' || category === 'timeout' || category === 'network' || category === 'unknown'
  )
}
