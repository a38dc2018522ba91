import type { TxRecord } from '../tx/records/records'
import { readProof } from '../tx/track/observations'
import { privacyVerdictText } from '../tx/track/privacy'
import { statusText } from '../tx/track/status'
import { differenceText, effectLines, exactAmount, type Native, previewHeading, revertText } from './describe'
import { readOutcome, readPreview } from './onRecord'
import type { OutcomeCheck } from './outcome'

export type ExportChain = { id: number; name: string; nativeCurrency: Native; explorer?: string | undefined }

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())

/**
 * One record's proof as a JSON document the user can keep: chain, hash(es), block and time, the status and
 * privacy verdict with every status-API answer and watch result (and their times), and the preview next to
 * the outcome check. Amounts are base-unit strings, as stored. Steps of a one-by-one batch come with it.
 */
export function proofDocument(
  record: TxRecord,
  chain: ExportChain,
  steps: readonly TxRecord[],
  exportedAt: number,
) {
  const proof = readProof(record)
  const outcome = readOutcome(record)
  const hashes = outcome?.hashes ?? [record.hash, ...steps.map((s) => s.hash)].filter(Boolean)
  return {
    format: 'hush-proof/1',
    exportedAt: iso(exportedAt),
    chain: { id: chain.id, name: chain.name },
    transaction: {
      kind: record.kind,
      from: record.from,
      ...(record.nonce !== undefined ? { nonce: record.nonce } : {}),
      hashes,
      ...(chain.explorer && hashes[0]
        ? { explorer: `${chain.explorer.replace(/\/$/, '')}/tx/${hashes[0]}` }
        : {}),
      block: outcome?.block ?? record.receipt?.blockNumber,
      ...(outcome ? { blockTime: iso(outcome.blockTime * 1000) } : {}),
      ...(outcome?.blockHash ? { blockHash: outcome.blockHash } : {}),
      ...(outcome?.blockWitness ? { blockWitness: outcome.blockWitness } : {}),
      status: record.status,
      ...(record.detail ? { detail: record.detail } : {}),
      sentAt: iso(record.createdAt),
      ...(record.receipt ? { receipt: record.receipt } : {}),
    },
    privacy: {
      verdict: record.privacy,
      text: privacyVerdictText(record, proof),
      statusApi: proof.api,
      watch: proof.watch,
      ...(proof.corrections ? { corrections: proof.corrections } : {}),
      ...(proof.confirmedBy ? { confirmedBy: proof.confirmedBy } : {}),
      log: (proof.log ?? []).map((e) => ({ ...e, first: iso(e.first), last: iso(e.last) })),
    },
    preview: readPreview(record) ?? null,
    outcome: outcome ?? null,
    steps: steps.map((s) => ({
      label: s.label,
      hash: s.hash,
      status: s.status,
      privacy: s.privacy,
      privacyText: privacyVerdictText(s, readProof(s)),
      log: (readProof(s).log ?? []).map((e) => ({ ...e, first: iso(e.first), last: iso(e.last) })),
    })),
  }
}

/** The same proof in words, every figure exact. */
export function proofText(
  record: TxRecord,
  chain: ExportChain,
  steps: readonly TxRecord[],
  exportedAt: number,
): string {
  const doc = proofDocument(record, chain, steps, exportedAt)
  const native = chain.nativeCurrency
  const preview = readPreview(record)
  const outcome = readOutcome(record)
  const known = statusText[record.status as keyof typeof statusText] ?? record.status
  const out: string[] = [
    `Hush transaction proof (exported ${doc.exportedAt})`,
    '',
    `Chain: ${chain.name} (id ${chain.id})`,
    `From: ${record.from}${record.nonce !== undefined ? `, nonce ${record.nonce}` : ''}`,
    ...doc.transaction.hashes.map(
      (h, i) => `${doc.transaction.hashes.length > 1 ? `Transaction ${i + 1}` : 'Transaction'}: ${h}`,
    ),
    ...(doc.transaction.explorer ? [`Explorer: ${doc.transaction.explorer}`] : []),
    `Status: ${known}${doc.transaction.block ? ` in block ${doc.transaction.block}` : ''}${doc.transaction.blockTime ? ` at ${doc.transaction.blockTime}` : ''}`,
    `Sent: ${doc.transaction.sentAt}`,
    '',
    `Privacy: ${doc.privacy.text}`,
  ]
  const answers = doc.privacy.log
  if (answers.length > 0) {
    out.push('Every answer, with times:')
    for (const e of answers)
      out.push(
        `  ${e.first}${e.count > 1 ? ` … ${e.last} (${e.count} times)` : ''}  ${e.source}${e.endpoint ? ` (${e.endpoint})` : ''}${e.block !== undefined ? ` block ${e.block}` : ''}: ${e.text}`,
      )
  }
  for (const [i, s] of doc.steps.entries()) {
    out.push(
      '',
      `Step ${i + 1}: ${s.label ?? ''} ${s.hash ?? '(not sent)'} — ${s.status}`,
      `  Privacy: ${s.privacyText}`,
    )
    for (const e of s.log)
      out.push(`  ${e.first}  ${e.source}${e.endpoint ? ` (${e.endpoint})` : ''}: ${e.text}`)
  }
  out.push('', 'Preview (before signing):')
  if (!preview) out.push('  none (not sent from this Hush, or sent before previews existed)')
  else {
    out.push(`  ${previewHeading(preview)}, ${iso(preview.at)}`)
    const reverted = revertText(preview)
    if (reverted) out.push(`  ${reverted}`)
    else for (const line of effectLines(preview, native)) out.push(`  ${line}`)
    if (preview.maxGasFee) out.push(`  Fees: at most ${formatNative(preview.maxGasFee, native)}`)
  }
  out.push('', 'Outcome (after inclusion):')
  if (!outcome) out.push('  not checked yet')
  else {
    out.push(
      `  Checked ${iso(outcome.at)} from block ${outcome.block}: ${outcome.success ? 'succeeded' : 'failed (reverted)'}`,
    )
    for (const line of effectLines(outcome, native)) out.push(`  ${line}`)
    out.push(`  Fees paid: ${formatNative(outcome.fee, native)}`)
    for (const n of outcome.notes) out.push(`  Note: ${n}`)
    out.push(
      `  Verdict: ${verdictWords[outcome.verdict]}${outcome.unchecked ? ` (${outcome.unchecked} effects not compared)` : ''}`,
    )
    if (preview)
      for (const d of outcome.differences) out.push(`  - ${differenceText(d, outcome, preview, native)}`)
  }
  return `${out.join('\n')}\n`
}

function formatNative(wei: string, native: Native): string {
  return exactAmount({ tokens: [] }, 'native', BigInt(wei), native, false)
}

export function proofFileName(record: TxRecord, extension: 'json' | 'txt'): string {
  const tag = (record.hash ?? record.id).slice(0, 12)
  return `hush-proof-${record.chainId}-${tag}.${extension}`
}

const verdictWords: Record<OutcomeCheck['verdict'], string> = {
  'as-previewed': 'as previewed',
  differs: 'differs from the preview',
  'partly-checked': 'partly checked (nothing compared differs)',
  'no-preview': 'no preview to compare with',
}
