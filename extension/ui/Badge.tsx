import type { BadgeView } from '../../shared/authorization-badge';
import { TONES } from './row-badge';

/** The same badge as on the page, for extension pages. */
export function Badge({ view }: { view: BadgeView }) {
  return (
    <span class="badge" style={TONES[view.tone]} title={view.title} data-tone={view.tone}>
      {view.label}
    </span>
  );
}
