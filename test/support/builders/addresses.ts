// Fixed values for unit tests that need real-looking addresses: Anvil's dev accounts 1 and 2, and the first
// contract the devnet deploys (its DUSD token, 6 decimals).
export const anvil1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const
export const anvil2 = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as const
export const dusd = {
  address: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  symbol: 'DUSD',
  decimals: 6,
} as const
