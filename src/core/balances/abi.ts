import { parseAbi } from 'viem'

/** The Multicall3 reads we aggregate next to token calls (viem does not export its multicall3 ABI). */
export const multicall3ReadAbi = parseAbi([
  'function getEthBalance(address account) view returns (uint256)',
  'function getBlockNumber() view returns (uint256)',
])
