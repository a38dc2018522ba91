import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { repoRoot, sourceFiles } from '../../../../support/sourceFiles'

/**
 * Every way code under src/ could ask a wallet to send: calls of viem/wagmi send actions (or of the pipeline's
 * own wallet requests), imports of those actions and hooks, and EIP-1193 requests whose `method` is a send.
 * Only the pipeline may hold one (src/core/tx/send/pipeline.ts, batchPipeline.ts, and wallet.ts, which they call).
 */
const root = repoRoot
const pipelineFiles = [
  'src/core/tx/send/pipeline.ts',
  'src/core/tx/send/batchPipeline.ts',
  'src/core/tx/send/wallet.ts',
]

const sendFunctions = new Set([
  'sendTransaction',
  'sendTransactionAsync',
  'sendCalls',
  'sendCallsAsync',
  'sendRawTransaction',
  'writeContract',
  'writeContractAsync',
  'deployContract',
  'requestTransaction',
  'requestAtomicCalls',
])
const sendHooks = new Set(['useSendTransaction', 'useSendCalls', 'useWriteContract', 'useDeployContract'])
const sendMethods = new Set([
  'eth_sendTransaction',
  'wallet_sendCalls',
  'eth_sendRawTransaction',
  'eth_signTransaction',
])

type CallSite = { file: string; line: number; what: string }

function sendCallSites(file: string, text: string): CallSite[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: CallSite[] = []
  const at = (node: ts.Node, what: string) =>
    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what })
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined
      if (name && sendFunctions.has(name)) at(node, `call ${name}()`)
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const from = node.moduleSpecifier.text
      const bindings = node.importClause?.namedBindings
      if (/^(viem|wagmi|@wagmi)/.test(from) && bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) {
          const imported = (el.propertyName ?? el.name).text
          if (sendFunctions.has(imported) || sendHooks.has(imported))
            at(el, `import ${imported} from ${from}`)
        }
    }
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText(source).replace(/['"]/g, '') === 'method' &&
      (ts.isStringLiteral(node.initializer) || ts.isNoSubstitutionTemplateLiteral(node.initializer)) &&
      sendMethods.has(node.initializer.text)
    )
      at(node, `request ${node.initializer.text}`)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const all = sourceFiles(join(root, 'src')).flatMap((path) =>
  sendCallSites(relative(root, path), readFileSync(path, 'utf8')),
)

describe('one send pipeline', () => {
  it('finds the wallet send requests where the pipeline makes them (the scan is not blind)', () => {
    const inPipeline = all.filter((s) => pipelineFiles.includes(s.file)).map((s) => `${s.file}: ${s.what}`)
    expect(inPipeline).toEqual(
      expect.arrayContaining([
        'src/core/tx/send/wallet.ts: request eth_sendTransaction',
        'src/core/tx/send/wallet.ts: request wallet_sendCalls',
        'src/core/tx/send/pipeline.ts: call requestTransaction()',
        'src/core/tx/send/batchPipeline.ts: call requestAtomicCalls()',
      ]),
    )
  })

  it('no code under src/ outside the pipeline reaches eth_sendTransaction / wallet_sendCalls', () => {
    const outside = all.filter((s) => !pipelineFiles.includes(s.file))
    expect(outside.map((s) => `${s.file}:${s.line} ${s.what}`)).toEqual([])
  })

  it('catches each way around the pipeline (checked on planted code)', () => {
    const planted = `
      import { sendTransaction as send } from 'viem/actions'
      import { useSendCalls } from 'wagmi'
      await send(wallet, { to })
      await walletClient.sendTransaction({ to })
      await provider.request({ method: 'eth_sendTransaction', params: [tx] })
      await provider.request({ 'method': \`wallet_sendCalls\`, params: [batch] })
    `
    expect(sendCallSites('planted.ts', planted).map((s) => s.what)).toEqual([
      'import sendTransaction from viem/actions',
      'import useSendCalls from wagmi',
      'call sendTransaction()',
      'request eth_sendTransaction',
      'request wallet_sendCalls',
    ])
  })
})
