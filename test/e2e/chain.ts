import { type Address, createPublicClient, erc20Abi, http } from 'viem'
import { devChain } from '../../tools/devnet/deploy'

/** A client reading the devnet directly: what a test checks the page against. */
export function chain(rpcUrl: string) {
  return createPublicClient({ chain: devChain(rpcUrl), transport: http(rpcUrl) })
}

/** `owner`'s balance of `token` on the devnet now. */
export async function tokenBalance(rpcUrl: string, token: Address, owner: Address): Promise<bigint> {
  return await chain(rpcUrl).readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [owner],
  })
}
