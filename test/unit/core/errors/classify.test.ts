import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  HttpRequestError,
  InsufficientFundsError,
  LimitExceededRpcError,
  parseAbi,
  RpcRequestError,
  TimeoutError,
  TransactionExecutionError,
  UserRejectedRequestError,
} from 'viem'
import { describe, expect, it } from 'vitest'
import { classifyError } from '../../../../src/core/errors/classify'
import { AllEndpointsFailedError, WrongChainError } from '../../../../src/core/errors/errors'

const solidityError = parseAbi(['error Error(string)'])
const secretUrl = 'https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef?apikey=SECRET'

/** A JSON-RPC error as viem wraps it after an endpoint answered `{ error: { code, message } }`. */
function rpcError(code: number, message: string, url = secretUrl) {
  return new RpcRequestError({ body: { method: 'eth_call' }, url, error: { code, message } })
}

describe('classifyError with provider error texts', () => {
  const cases: Array<[string, unknown, string]> = [
    [
      'Infura daily limit (-32005)',
      rpcError(-32005, 'daily request count exceeded, request rate limited'),
      'rate-limited',
    ],
    [
      'viem LimitExceededRpcError',
      new LimitExceededRpcError(rpcError(-32005, 'limit exceeded')),
      'rate-limited',
    ],
    [
      'Alchemy compute units (429 code)',
      rpcError(
        429,
        'Your app has exceeded its compute units per second capacity. If you have retries enabled, you can safely ignore this message.',
      ),
      'rate-limited',
    ],
    [
      'HTTP 429 Too Many Requests',
      new HttpRequestError({ url: secretUrl, status: 429, details: 'Too Many Requests' }),
      'rate-limited',
    ],
    [
      'QuickNode request limit',
      {
        code: -32007,
        message:
          '100/second request limit reached - reduce calls per second or upgrade your account at quicknode.com',
      },
      'rate-limited',
    ],
    ['geth header not found (-32000)', rpcError(-32000, 'header not found'), 'network'],
    ['nonce too low (-32000)', rpcError(-32000, 'nonce too low'), 'nonce'],
    ['already known', { code: -32000, message: 'already known' }, 'nonce'],
    [
      'base fee (-32000)',
      rpcError(-32000, 'max fee per gas less than block base fee: address 0xabc, maxFeePerGas: 1 baseFee: 7'),
      'fee-too-low',
    ],
    [
      'replacement underpriced',
      { code: -32000, message: 'replacement transaction underpriced' },
      'fee-too-low',
    ],
    [
      'insufficient funds (-32000)',
      rpcError(-32000, 'insufficient funds for gas * price + value: address 0xabc have 0 want 1'),
      'insufficient-funds',
    ],
    [
      'viem InsufficientFundsError wrapped',
      new TransactionExecutionError(
        new InsufficientFundsError({ cause: rpcError(-32003, 'Insufficient funds for gas * price + value') }),
        { account: null, to: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' },
      ),
      'insufficient-funds',
    ],
    [
      'execution reverted with reason (code 3)',
      rpcError(3, 'execution reverted: DemoVault: insufficient deposit'),
      'reverted',
    ],
    ['plain execution reverted (-32000)', { code: -32000, message: 'execution reverted' }, 'reverted'],
    [
      'gas required exceeds allowance',
      { code: -32000, message: 'gas required exceeds allowance (30000000)' },
      'reverted',
    ],
    [
      'MetaMask user denied',
      { code: 4001, message: 'MetaMask Tx Signature: User denied transaction signature.' },
      'user-rejected',
    ],
    [
      'viem UserRejectedRequestError',
      new UserRejectedRequestError(new Error('User rejected the request.')),
      'user-rejected',
    ],
    [
      'ethers ACTION_REJECTED',
      {
        code: 'ACTION_REJECTED',
        message: 'user rejected action (action="sendTransaction", code=ACTION_REJECTED)',
      },
      'user-rejected',
    ],
    [
      'wallet 4902',
      {
        code: 4902,
        message: 'Unrecognized chain ID "0x7a69". Try adding the chain using wallet_addEthereumChain first.',
      },
      'wrong-chain',
    ],
    [
      'wallet 4200',
      { code: 4200, message: 'The requested method is not supported by this Ethereum provider.' },
      'unsupported',
    ],
    [
      'wallet 4100',
      { code: 4100, message: 'The requested account and/or method has not been authorized by the user.' },
      'unsupported',
    ],
    [
      'method not found',
      rpcError(-32601, 'the method eth_foo does not exist/is not available'),
      'unsupported',
    ],
    [
      'fetch failed (refused)',
      new HttpRequestError({ url: secretUrl, details: 'fetch failed', cause: new TypeError('fetch failed') }),
      'network',
    ],
    ['browser Failed to fetch', new TypeError('Failed to fetch'), 'network'],
    [
      'HTTP 500',
      new HttpRequestError({ url: secretUrl, status: 500, details: 'Internal Server Error' }),
      'network',
    ],
    [
      'HTTP 504',
      new HttpRequestError({ url: secretUrl, status: 504, details: 'Gateway Timeout' }),
      'timeout',
    ],
    [
      'viem TimeoutError',
      new TimeoutError({ body: { method: 'eth_blockNumber' }, url: secretUrl }),
      'timeout',
    ],
    ['malformed JSON', new SyntaxError('Unexpected token < in JSON at position 0'), 'network'],
    ['unknown', new Error('something odd'), 'unknown'],
    ['a string', 'weird', 'unknown'],
    ['undefined', undefined, 'unknown'],
  ]
  for (const [name, error, category] of cases) {
    it(`${name} → ${category}`, () => {
      const result = classifyError(error, { method: 'eth_call', endpoint: secretUrl, chainId: 1 })
      expect(result.category).toBe(category)
      expect(result.message).not.toMatch(/SECRET|0123456789abcdef|\/v3\//)
      expect(result.message.length).toBeGreaterThan(5)
      expect(result.cause).toBe(error)
      expect(result.context).toEqual({ method: 'eth_call', endpoint: 'mainnet.infura.io', chainId: 1 })
    })
  }
})

describe('classifyError details', () => {
  it('keeps the decoded revert reason in the message', () => {
    const abi = parseAbi(['function withdraw(uint256)'])
    const reverted = new ContractFunctionRevertedError({
      abi,
      functionName: 'withdraw',
      data: encodeErrorResult({
        abi: solidityError,
        errorName: 'Error',
        args: ['DemoVault: insufficient deposit'],
      }),
    })
    const error = new ContractFunctionExecutionError(reverted, { abi, functionName: 'withdraw', args: [5n] })
    const result = classifyError(error)
    expect(result.category).toBe('reverted')
    expect(result.message).toBe('The transaction would revert: DemoVault: insufficient deposit.')
  })

  it('never reads a transport failure as a revert, even when the body mentions revert', () => {
    const error = new HttpRequestError({
      url: secretUrl,
      status: 502,
      details: 'Bad Gateway',
      body: { method: 'eth_call', params: ['execution reverted'] },
    })
    expect(classifyError(error).category).toBe('network')
  })

  it('masks URLs found inside unknown messages and takes the host from viem errors', () => {
    const result = classifyError(new Error(`odd answer from ${secretUrl} today`))
    expect(result.message).toBe('Odd answer from mainnet.infura.io today.'.replace('Odd', 'odd'))
    const http = classifyError(new HttpRequestError({ url: secretUrl, details: 'fetch failed' }))
    expect(http.context.endpoint).toBe('mainnet.infura.io')
    expect(http.message).toBe('Could not reach the RPC provider mainnet.infura.io.')
  })

  it('names both chain ids for a wrong-chain endpoint', () => {
    const result = classifyError(new WrongChainError(31337, 1, 'http://127.0.0.1:8545'))
    expect(result.category).toBe('wrong-chain')
    expect(result.message).toBe('Endpoint answers chain 1, but chain 31337 was expected.')
  })

  it('classifies an all-endpoints failure by its most telling cause', () => {
    const cause = new HttpRequestError({ url: secretUrl, status: 429, details: 'Too Many Requests' })
    const result = classifyError(new AllEndpointsFailedError('eth_getBalance', [cause], { cause }))
    expect(result.category).toBe('rate-limited')
    expect(result.message).toBe(
      'The RPC provider mainnet.infura.io is rate-limiting requests (too many requests).',
    )
  })

  it('names every endpoint when several failed', () => {
    const cause = new HttpRequestError({ url: secretUrl, status: 429, details: 'Too Many Requests' })
    const result = classifyError(
      new AllEndpointsFailedError('eth_getBalance', [cause], {
        cause,
        endpoints: [
          {
            name: 'Infura',
            message: 'The RPC provider mainnet.infura.io is rate-limiting requests (too many requests).',
          },
          { name: 'Local node', message: `Could not reach the RPC provider ${secretUrl}.` },
        ],
      }),
    )
    expect(result.category).toBe('rate-limited')
    expect(result.message).toBe(
      'Every read endpoint failed (Infura: The RPC provider mainnet.infura.io is rate-limiting requests (too many requests); Local node: Could not reach the RPC provider mainnet.infura.io).',
    )
  })
})
