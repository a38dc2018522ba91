import { type FormEvent, useId, useState } from 'react'
import type { Address } from 'viem'
import type { ChainConfig } from '../../core/config/schema'
import { classifyError } from '../../core/errors/classify'
import { Icon } from '../../shared/ui/Icon'
import { useAddToken } from './useAddToken'

export function AddTokenForm({ chain, listed }: { chain: ChainConfig; listed: readonly Address[] }) {
  const [value, setValue] = useState('')
  const add = useAddToken(chain, listed)
  const inputId = useId()
  const hintId = useId()
  const errorId = useId()
  const refusal = add.data && !add.data.ok ? add.data.reason : undefined
  const failure = add.error ? classifyError(add.error, { chainId: chain.id }).message : undefined
  const problem = refusal ?? failure
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (value.trim() === '' || add.isPending) return
    add.mutate(value, { onSuccess: (result) => result.ok && setValue('') })
  }
  return (
    <form className="wallet-add-token" onSubmit={submit} noValidate>
      <h3>Add a token</h3>
      <label htmlFor={inputId}>Token contract address</label>
      <p id={hintId} className="muted">
        Symbol, name and decimals are read from the contract on {chain.name} and checked before the token is
        added.
      </p>
      <div className="wallet-add-token-row">
        <input
          id={inputId}
          name="token-address"
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
            if (add.data || add.error) add.reset()
          }}
          placeholder="0x…"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${errorId} ${hintId}` : hintId}
        />
        <button type="submit" className="primary" disabled={add.isPending || value.trim() === ''}>
          {add.isPending ? 'Checking…' : 'Add token'}
        </button>
      </div>
      <p id={errorId} className="error-text" data-testid="add-token-error" hidden={!problem}>
        {problem && (
          <>
            <Icon name="warning" /> {problem}
          </>
        )}
      </p>
      <p role="status" data-testid="add-token-status">
        {add.isPending ? (
          'Reading the token contract…'
        ) : add.data?.ok ? (
          <>
            <Icon name="check" /> Added {add.data.token.symbol} ({add.data.token.name}).
          </>
        ) : (
          ''
        )}
      </p>
    </form>
  )
}
