interface Props {
  count: number;
  windowDays: number;
  shopLabel: string;
  href?: string;
  onDismiss(): void;
}

export function ExpiryChip({ count, windowDays, shopLabel, href, onDismiss }: Props) {
  const text = `${count} partner authorization${count === 1 ? '' : 's'} of ${shopLabel} expire${count === 1 ? 's' : ''} within ${windowDays} days`;
  return (
    <div class="sac warn chip" role="status" data-testid="sac-expiry-chip">
      <span>{text}</span>
      {href ? <a href={href}>Review in My Services</a> : <span class="muted">See TikTok Shop Partner &gt; My Services</span>}
      <button type="button" class="link" aria-label="Dismiss" onClick={onDismiss}>
        x
      </button>
    </div>
  );
}
