import { parseAbi } from 'viem'

/** The Multicall3 reads we aggregate next to token calls (viem does not export its multicall3 ABI). */
export const multicall3ReadAbi = parseAbi([
  'function getEthBalance(address account) view returns (uint256)',
  'function getBlockNumber() view returns (uint256)',
  'function getCurrentBlockTimestamp() view returns (uint256 timestamp)',
  'function getChainId() view returns (uint256 chainid)',
])

/**
 * Where viem's deployless multicall puts Multicall3 during an `eth_call` without a `to`: the call runs from the
 * zero address, whose first contract (viem's deployless wrapper) CREATE2-deploys Multicall3 at this address.
 * Calls to it inside the same aggregate (block number, timestamp, ETH balance) work on any chain; if a node
 * ran the call from elsewhere they fail, and readBalances falls back to single calls rather than guess.
 * `test/integration/wallet/requestCount.test.ts` checks it against Anvil.
 */
export const deploylessMulticall3 = '0x692E573A74DA7bb6F190c815E682FA6D50d5937D' as const
