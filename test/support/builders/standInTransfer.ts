import { createPublicClient, createWalletClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { newRecordId, type RecordStore, type TxRecord } from '../../../src/core/tx/records/records'
import { devAccount, devPrivateKey } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import type { Devnet } from '../../../tools/devnet/devnet'
import type { ProtectStandIn } from '../../../tools/protect/standin'

/**
 * Sends 1234 wei from dev account `account` to dev account 2 through the Protect stand-in, and records it as
 * our pending protected transfer, timed before the send (like the pipeline's record before the wallet prompt).
 */
export async function sendTransferThroughStandIn(
  env: { devnet: Devnet; standIn: ProtectStandIn; store: RecordStore },
  account: number,
  fees: { maxFeePerGas?: bigint; maxPriorityFeePerGas?: bigint } = {},
): Promise<TxRecord> {
  const { devnet, standIn, store } = env
  const signer = privateKeyToAccount(devPrivateKey(account))
  const createdAt = Date.now()
  const wallet = createWalletClient({
    chain: devChain(standIn.rpcUrl, devnet.chainId),
    account: signer,
    transport: http(standIn.rpcUrl, { retryCount: 0 }),
  })
  const node = createPublicClient({ transport: http(devnet.url, { retryCount: 0 }) })
  const nonce = await node.getTransactionCount({ address: signer.address })
  const hash: Hex = await wallet.sendTransaction({
    to: devAccount(2).address,
    value: 1234n,
    gas: 21_000n,
    nonce,
    ...fees,
  })
  return store.add({
    id: newRecordId(),
    kind: 'transfer',
    chainId: devnet.chainId,
    from: signer.address,
    hash,
    nonce,
    to: devAccount(2).address,
    asset: { symbol: 'ETH', decimals: 18 },
    amount: '1234',
    fees: { maxFeePerGas: '1', maxPriorityFeePerGas: '1', gas: '21000' },
    createdAt,
    protected: true,
    status: 'PENDING',
    privacy: 'checking',
  })
}
