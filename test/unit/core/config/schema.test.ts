import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../../../src/core/config/defaults'
import { ConfigError, loadRuntimeConfig, parseRuntimeConfig } from '../../../../src/core/config/load'
import { endpointUrlProblem } from '../../../../src/core/config/schema'

const localChain = {
  id: 31337,
  name: 'Local',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpc: [{ url: 'http://127.0.0.1:8545', batch: true }],
  protect: null,
}

function problemsOf(input: unknown) {
  try {
    parseRuntimeConfig(input)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('runtime config', () => {
  it('an empty object gives the built-in defaults (mainnet and Sepolia with Protect)', () => {
    const config = parseRuntimeConfig({})
    expect(config.defaultChainId).toBe(1)
    expect(config.chains.map((c) => c.id)).toEqual([1, 11155111])
    expect(config.chains[0]?.protect?.rpcUrl).toBe('https://rpc.flashbots.net/fast')
    expect(config.chains[1]?.protect?.statusUrl).toBe('https://protect-sepolia.flashbots.net/tx/')
    expect(config.chains[0]!.rpc.length).toBeGreaterThan(2)
  })

  it('the built-in defaults pass their own schema', () => {
    expect(parseRuntimeConfig(defaultConfig)).toEqual(defaultConfig)
  })

  it('adds a new chain and keeps the defaults', () => {
    const config = parseRuntimeConfig({ defaultChainId: 31337, chains: [localChain] })
    expect(config.chains.map((c) => c.id)).toEqual([1, 11155111, 31337])
    expect(config.defaultChainId).toBe(31337)
  })

  it('replaces only the given fields of a built-in chain', () => {
    const config = parseRuntimeConfig({ chains: [{ id: 1, rpc: [{ url: 'https://my-node.example/rpc' }] }] })
    const mainnet = config.chains.find((c) => c.id === 1)!
    expect(mainnet.rpc).toEqual([{ url: 'https://my-node.example/rpc', batch: false }])
    expect(mainnet.protect).toEqual(defaultConfig.chains[0]!.protect)
  })

  it('replaceDefaultChains keeps only the listed chains', () => {
    const config = parseRuntimeConfig({
      defaultChainId: 31337,
      replaceDefaultChains: true,
      chains: [localChain],
    })
    expect(config.chains.map((c) => c.id)).toEqual([31337])
  })

  it('protect may be null; ws, tokens, explorer, multicall3 are optional; unknown keys are fine', () => {
    const config = parseRuntimeConfig({ chains: [{ ...localChain, somethingNew: 1 }] })
    const local = config.chains.find((c) => c.id === 31337)!
    expect(local.protect).toBeNull()
    expect(local.tokens).toBeUndefined()
  })

  it.each([
    [{ defaultChainId: 5 }, 'defaultChainId', '5', 'is not one of the configured chains'],
    [{ defaultChainId: 'one' }, 'defaultChainId', '"one"', ''],
    [
      { chains: [{ ...localChain, rpc: [{ url: 'ftp://x.example' }] }] },
      'chains[2].rpc[0].url',
      '"ftp://x.example"',
      'https',
    ],
    [
      { chains: [{ ...localChain, rpc: [{ url: 'http://node.example' }] }] },
      'chains[2].rpc[0].url',
      '"http://node.example"',
      'only for localhost',
    ],
    [{ chains: [{ ...localChain, rpc: [] }] }, 'chains[2].rpc', '[]', 'at least one'],
    [
      { chains: [{ ...localChain, ws: ['https://x.example'] }] },
      'chains[2].ws[0]',
      '"https://x.example"',
      'wss',
    ],
    [
      { chains: [{ ...localChain, protect: { rpcUrl: 'nope' } }] },
      'chains[2].protect.rpcUrl',
      '"nope"',
      'not a URL',
    ],
    [{ chains: [{ ...localChain, multicall3: '0x123' }] }, 'chains[2].multicall3', '"0x123"', 'address'],
    [
      {
        chains: [
          {
            ...localChain,
            tokens: [
              { address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: '', name: 'x', decimals: 6 },
            ],
          },
        ],
      },
      'chains[2].tokens[0].symbol',
      '""',
      'must not be empty',
    ],
    [
      {
        chains: [
          {
            ...localChain,
            tokens: [
              { address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: 'X', name: 'x', decimals: 99 },
            ],
          },
        ],
      },
      'chains[2].tokens[0].decimals',
      '99',
      '',
    ],
    [{ chains: [{ ...localChain, id: -1 }] }, 'chains[2].id', '-1', ''],
    [{ chains: [{ ...localChain, nativeCurrency: undefined }] }, 'chains[2].nativeCurrency', '(missing)', ''],
    [{ chains: 'mainnet' }, 'chains', '"mainnet"', ''],
  ])('names the bad field and value: %j', (input, field, value, message) => {
    const problems = problemsOf(input)
    const problem = problems.find((p) => p.field === field)
    expect(problem, JSON.stringify(problems)).toBeDefined()
    expect(problem!.value).toBe(value)
    expect(problem!.message).toContain(message)
  })

  it('a checksum error in a token address is refused', () => {
    const problems = problemsOf({
      chains: [
        {
          ...localChain,
          tokens: [
            { address: '0xa0b86991c6218B36c1d19D4a2e9Eb0cE3606eB48', symbol: 'X', name: 'X', decimals: 6 },
          ],
        },
      ],
    })
    expect(problems[0]?.field).toBe('chains[2].tokens[0].address')
  })
})

describe('loadRuntimeConfig', () => {
  const respond = (status: number, body: string) => async () => new Response(body, { status })

  it('404 means defaults, not an error', async () => {
    const { config, source } = await loadRuntimeConfig(respond(404, 'nope'))
    expect(source).toBe('defaults')
    expect(config.defaultChainId).toBe(1)
  })

  it('a file that is not JSON is a ConfigError naming the file', async () => {
    await expect(loadRuntimeConfig(respond(200, '<html>'))).rejects.toThrow(/config.json.*not JSON/)
  })

  it('a server error is a ConfigError, not a silent default', async () => {
    await expect(loadRuntimeConfig(respond(500, ''))).rejects.toBeInstanceOf(ConfigError)
  })

  it('a refused file is described in words, not "Invalid input" (zod/mini ships no messages of its own)', async () => {
    const refused = await loadRuntimeConfig(respond(200, JSON.stringify({ defaultChainId: 'one' }))).catch(
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(ConfigError)
    expect((refused as ConfigError).problems[0]).toMatchObject({
      field: 'defaultChainId',
      message: expect.stringMatching(/expected number, received string/),
    })
  })

  it('a valid file is merged over the defaults', async () => {
    const { config } = await loadRuntimeConfig(respond(200, JSON.stringify({ defaultChainId: 11155111 })))
    expect(config.defaultChainId).toBe(11155111)
  })
})

describe('endpoint URLs', () => {
  it.each([
    ['https://node.example', undefined],
    ['http://localhost:8545', undefined],
    ['http://127.0.0.1:8545', undefined],
    ['http://10.0.0.1:8545', 'only for localhost'],
    ['javascript:alert(1)', 'must start with https://'],
    ['not a url', 'is not a URL'],
  ])('%s', (url, problem) => {
    const found = endpointUrlProblem(url, 'http')
    if (problem === undefined) expect(found).toBeUndefined()
    else expect(found).toContain(problem)
  })
})
