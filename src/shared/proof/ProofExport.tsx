import { useState } from 'react'
import { findChain } from '../../core/config/chains'
import { proofDocument, proofFileName, proofText } from '../../core/proof/export'
import type { TxRecord } from '../../core/tx/records/records'
import { useRuntimeConfig } from '../context/configContext'
import { CopyButton } from '../ui/CopyButton'

function download(name: string, type: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/**
 * "Export proof" on a record: the proof as a JSON file to keep, and the same in words (shown, copied or
 * downloaded). Built when asked, from what the record holds at that moment.
 */
export function ProofExport({ record, steps = [] }: { record: TxRecord; steps?: readonly TxRecord[] }) {
  const config = useRuntimeConfig()
  const chainConfig = findChain(config, record.chainId)
  const [text, setText] = useState<string | undefined>()
  const chain = {
    id: record.chainId,
    name: chainConfig?.name ?? `Chain ${record.chainId}`,
    nativeCurrency: chainConfig?.nativeCurrency ?? { symbol: 'ETH', decimals: 18 },
    explorer: chainConfig?.explorer,
  }
  const exportJson = () =>
    download(
      proofFileName(record, 'json'),
      'application/json',
      `${JSON.stringify(proofDocument(record, chain, steps, Date.now()), null, 2)}\n`,
    )
  return (
    <div className="proof-export" data-testid="proof-export">
      <button type="button" className="small" onClick={exportJson} data-testid="export-proof-json">
        Export proof (JSON)
      </button>
      <button
        type="button"
        className="small"
        aria-expanded={text !== undefined}
        onClick={() => setText(text === undefined ? proofText(record, chain, steps, Date.now()) : undefined)}
        data-testid="export-proof-text"
      >
        {text === undefined ? 'Show proof as text' : 'Hide proof text'}
      </button>
      {text !== undefined && (
        <div className="proof-text">
          <div className="proof-text-actions">
            <CopyButton text={text} label="Copy proof" />
            <button
              type="button"
              className="small"
              onClick={() => download(proofFileName(record, 'txt'), 'text/plain', text)}
            >
              Download text
            </button>
          </div>
          <pre data-testid="proof-text">{text}</pre>
        </div>
      )}
    </div>
  )
}
