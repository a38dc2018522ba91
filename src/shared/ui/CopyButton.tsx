import { useState } from 'react'
import { Icon } from './Icon'

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setState('copied')
    } catch {
      setState('failed')
    }
    setTimeout(() => setState('idle'), 1500)
  }
  return (
    <button type="button" className="small" onClick={copy} aria-label={`${label}: ${text}`}>
      {state === 'copied' ? (
        <>
          <Icon name="check" /> Copied
        </>
      ) : state === 'failed' ? (
        'Copy failed'
      ) : (
        label
      )}
    </button>
  )
}
