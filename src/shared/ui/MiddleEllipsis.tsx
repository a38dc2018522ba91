/**
 * Text cut in the middle where it does not fit (0x7099797…1dc79C8): the start shrinks with an ellipsis, the
 * last characters always show. Decorative: the full text is in the element it covers (and in the title).
 */
export function MiddleEllipsis({
  text,
  tail = 8,
  className,
}: {
  text: string
  tail?: number
  className?: string
}) {
  return (
    <span
      className={['middle-ellipsis', className].filter(Boolean).join(' ')}
      title={text}
      aria-hidden="true"
    >
      <span className="middle-ellipsis-start">{text.slice(0, -tail)}</span>
      <span className="middle-ellipsis-end">{text.slice(-tail)}</span>
    </span>
  )
}
