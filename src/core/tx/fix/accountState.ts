import type { Address, PublicClient } from 'viem'
import { MalformedResponseError } from '../../errors/errors'
import { cachePolicy } from '../../query/cachePolicy'
import { queryKeys } from '../../query/keys'

/** What a diagnosis and the nonce check need of the chain, every figure read at one block. */
export type AccountState = {
  block: bigint
  /** Transactions of the account mined by `block`: the next nonce the chain expects. */
  chainNonce: number
  balance: bigint
  baseFee: bigint | undefined
}

/** Above this an account's count is not real: Protect answers 1,000,000,001 after a FAILED transaction. */
export const maxRealNonce = 1e9

export async function readAccountState(
  client: Pick<PublicClient, 'getBlock' | 'getTransactionCount' | 'getBalance'>,
  address: Address,
): Promise<AccountState> {
  const block = await client.getBlock({ blockTag: 'latest' })
  const [chainNonce, balance] = await Promise.all([
    client.getTransactionCount({ address, blockNumber: block.number }),
    client.getBalance({ address, blockNumber: block.number }),
  ])
  if (!Number.isSafeInteger(chainNonce) || chainNonce < 0 || chainNonce > maxRealNonce)
    throw new MalformedResponseError(
      `eth_getTransactionCount answered ${chainNonce}: not a real count (Protect answers 1,000,000,001 for a while after a failed transaction)`,
    )
  return { block: block.number, chainNonce, balance, baseFee: block.baseFeePerGas ?? undefined }
}

/** The account's next nonce, balance and the base fee, for the diagnoses on Activity and the nonce check. */
export function accountStateQueryOptions(
  client: Pick<PublicClient, 'getBlock' | 'getTransactionCount' | 'getBalance'> | undefined,
  chainId: number | undefined,
  address: Address | undefined,
) {
  return {
    queryKey: queryKeys.accountState(chainId ?? 0, address ?? '0x0000000000000000000000000000000000000000'),
    queryFn: () => {
      if (!client || !address) throw new Error('no account to read')
      return readAccountState(client, address)
    },
    enabled: Boolean(client && address && chainId),
    ...cachePolicy.accountState,
  }
}
