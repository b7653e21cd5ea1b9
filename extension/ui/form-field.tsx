/** Which field each part of a refusal concerns, when the background said (message-door.ts). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const fields = (error as { fields?: unknown } | null)?.fields;
  return fields && typeof fields === 'object' ? (fields as Record<string, string>) : {};
}

/**
 * A labelled input whose problem is said next to it, in words: `aria-invalid` marks it and
 * `aria-describedby` points at the message, so a screen reader reads the two together.
 */
export function FormField(props: {
  id: string;
  label: string;
  value: string;
  error?: string;
  placeholder?: string;
  wide?: boolean;
  onInput(value: string): void;
}) {
  const messageId = `${props.id}-problem`;
  return (
    <label class="field">
      {props.label}
      <input
        id={props.id}
        value={props.value}
        placeholder={props.placeholder}
        style={props.wide ? { width: '34em' } : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? messageId : undefined}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
      {props.error && (
        <span id={messageId} class="error field-problem">
          {props.error}
        </span>
      )}
    </label>
  );
}
