import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import solc from 'solc'

const here = dirname(fileURLToPath(import.meta.url))
export const artifactsPath = join(here, 'artifacts.json')

type CompiledContract = {
  abi: unknown[]
  evm: { bytecode: { object: string }; deployedBytecode: { object: string } }
}

export type Artifact = { abi: unknown[]; bytecode: `0x${string}`; deployedBytecode: `0x${string}` }

/** Compiles every .sol file beside this one with the pinned solc npm package. */
export function compileContracts(): Record<string, Artifact> {
  const sources: Record<string, { content: string }> = {}
  for (const file of readdirSync(here)
    .filter((f) => f.endsWith('.sol'))
    .sort()) {
    sources[file] = { content: readFileSync(join(here, file), 'utf8') }
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input)))
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === 'error')
  if (errors.length > 0)
    throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join('\n'))
  const artifacts: Record<string, Artifact> = {}
  for (const file of Object.keys(output.contracts).sort()) {
    for (const [name, c] of Object.entries(output.contracts[file] as Record<string, CompiledContract>)) {
      artifacts[name] = {
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      }
    }
  }
  return artifacts
}

export function artifactsJson(artifacts: Record<string, Artifact>): string {
  return `${JSON.stringify({ solc: solc.version(), contracts: artifacts }, null, 2)}\n`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(artifactsPath, artifactsJson(compileContracts()))
  console.log(`wrote ${artifactsPath}`)
}
