import type { Abi, Hex } from 'viem'
import artifactsFile from '../contracts/artifacts.json' with { type: 'json' }

type ContractName =
  | 'DemoToken'
  | 'Multicall'
  | 'BatchExecutor'
  | 'DemoVault'
  | 'MockPriceFeed'
  | 'FeeToken'
  | 'DemoDrip'

export function artifact(name: ContractName): { abi: Abi; bytecode: Hex; deployedBytecode: Hex } {
  const a = (
    artifactsFile.contracts as Record<string, { abi: unknown; bytecode: string; deployedBytecode: string }>
  )[name]
  if (!a) throw new Error(`no compiled artifact for ${name}: run npm run contracts`)
  return { abi: a.abi as Abi, bytecode: a.bytecode as Hex, deployedBytecode: a.deployedBytecode as Hex }
}

/** The canonical Multicall3 address; the devnet puts our ABI-compatible contract there. */
export const multicall3Address = '0xcA11bde05977b3631167028862bE2a173976CA11' as const
