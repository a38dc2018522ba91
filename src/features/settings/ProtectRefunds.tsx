import { FieldMessage, type ProtectForm } from './protectFormParts'

/** Who receives MEV refunds, each 1–99 %, at most 100 % in total. */
export function ProtectRefunds({ form }: { form: ProtectForm }) {
  const { draft, update, errors, id } = form
  const setRefund = (i: number, change: Partial<{ address: string; percent: string }>) =>
    update((d) => ({ ...d, refunds: d.refunds.map((r, j) => (j === i ? { ...r, ...change } : r)) }))
  return (
    <fieldset aria-describedby={errors.refunds ? `${id}-refunds-error` : undefined}>
      <legend>MEV refunds</legend>
      <p className="muted">
        Optional: who receives the refund of MEV from your transactions, each 1–99 %, at most 100 % in total;
        the rest goes to the validator. Without any, Protect refunds 90 % to the sender. Keeping more makes
        inclusion slower. <code className="protect-raw">refund=address:percent</code>
      </p>
      {draft.refunds.map((refund, i) => {
        const addressError = errors[`refunds.${i}.address`]
        const percentError = errors[`refunds.${i}.percent`]
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position
          <div key={i} className="protect-refund">
            <label>
              Refund address {i + 1}
              <input
                value={refund.address}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={Boolean(addressError)}
                aria-describedby={addressError ? `${id}-refund-${i}-address` : undefined}
                onChange={(e) => setRefund(i, { address: e.target.value })}
              />
            </label>
            <FieldMessage id={`${id}-refund-${i}-address`}>{addressError}</FieldMessage>
            <label>
              Percent
              <input
                value={refund.percent}
                inputMode="numeric"
                className="protect-percent"
                aria-invalid={Boolean(percentError)}
                aria-describedby={percentError ? `${id}-refund-${i}-percent` : undefined}
                onChange={(e) => setRefund(i, { percent: e.target.value })}
              />
            </label>
            <FieldMessage id={`${id}-refund-${i}-percent`}>{percentError}</FieldMessage>
            <button
              type="button"
              className="small"
              onClick={() => update((d) => ({ ...d, refunds: d.refunds.filter((_, j) => j !== i) }))}
            >
              Remove refund {i + 1}
            </button>
          </div>
        )
      })}
      <button
        type="button"
        className="small"
        disabled={draft.refunds.length >= 10}
        onClick={() => update((d) => ({ ...d, refunds: [...d.refunds, { address: '', percent: '' }] }))}
      >
        Add refund recipient
      </button>
      <FieldMessage id={`${id}-refunds-error`}>{errors.refunds}</FieldMessage>
    </fieldset>
  )
}
