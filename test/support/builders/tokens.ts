import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  type Hex,
  http,
  parseUnits,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { artifact } from '../../../tools/devnet/contracts'
import { devChain } from '../../../tools/devnet/deploy'

export type TokenSpec = {
  name: string
  symbol: string
  decimals: number
  holders?: Address[]
  /** Whole tokens minted to each holder at deployment. */
  amountEach?: string
}

/** Symbols and names an honest UI must show literally or refuse: for XSS and validation tests. */
export const hostileTokens = {
  htmlSymbol: { name: 'Hostile Markup', symbol: '<img src=x onerror=alert(1)>', decimals: 18 },
  emptySymbol: { name: 'No Symbol', symbol: '', decimals: 18 },
  longName: { name: 'N'.repeat(33), symbol: 'LONG', decimals: 18 },
  controlSymbol: { name: 'Control Chars', symbol: 'BAD\u0007', decimals: 18 },
  hugeDecimals: { name: 'Too Precise', symbol: 'PREC', decimals: 40 },
} satisfies Record<string, TokenSpec>

/** A new random account funded through Anvil: parallel test files never share a sender or its nonces. */
export async function freshFundedAccount(url: string) {
  const account = privateKeyToAccount(generatePrivateKey())
  await createTestClient({ mode: 'anvil', transport: http(url) }).setBalance({
    address: account.address,
    value: parseUnits('1000', 18),
  })
  return account
}

function clients(url: string, account: Awaited<ReturnType<typeof freshFundedAccount>>) {
  const chain = devChain(url)
  const transport = http(url)
  return {
    wallet: createWalletClient({ chain, transport, account }),
    publicClient: createPublicClient({ chain, transport }),
  }
}

/**
 * Deploys DemoTokens from a fresh funded account. Transactions are sent back to back with explicit nonces and
 * then awaited, so 200 tokens deploy in a few seconds on an automining Anvil.
 */
export async function deployTokens(url: string, specs: TokenSpec[]): Promise<Address[]> {
  const account = await freshFundedAccount(url)
  const { wallet, publicClient } = clients(url, account)
  const { abi, bytecode } = artifact('DemoToken')
  let nonce = 0
  const hashes: Hex[] = []
  for (const spec of specs) {
    hashes.push(
      await wallet.deployContract({
        abi,
        bytecode,
        nonce: nonce++,
        args: [
          spec.name,
          spec.symbol,
          spec.decimals,
          spec.holders ?? [],
          parseUnits(spec.amountEach ?? '0', spec.decimals),
        ],
      }),
    )
  }
  const addresses: Address[] = []
  for (const hash of hashes) {
    const receipt = await publicClient.waitForTransactionReceipt({
      hash,
      pollingInterval: 50,
      timeout: 60_000,
    })
    if (receipt.status !== 'success' || !receipt.contractAddress)
      throw new Error(`token deployment ${hash} failed`)
    addresses.push(getAddress(receipt.contractAddress))
  }
  return addresses
}

/** `count` plain tokens named T0, T1…, with a few decimals variants and a balance for `holders`. */
export function manyTokenSpecs(count: number, holders: Address[] = []): TokenSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Bulk Token ${i}`,
    symbol: `T${i}`,
    decimals: [18, 6, 8, 0][i % 4] ?? 18,
    holders,
    amountEach: String(1000 + i),
  }))
}

/** Mints `amount` whole tokens to `to` from a fresh account (DemoToken lets anyone mint); returns the block. */
export async function mintTokens(
  url: string,
  token: { address: Address; decimals: number },
  to: Address,
  amount: string,
): Promise<bigint> {
  const { wallet, publicClient } = clients(url, await freshFundedAccount(url))
  const hash = await wallet.writeContract({
    address: token.address,
    abi: artifact('DemoToken').abi,
    functionName: 'mint',
    args: [to, parseUnits(amount, token.decimals)],
  })
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 60_000 })
  if (receipt.status !== 'success') throw new Error('mint failed')
  return receipt.blockNumber
}
