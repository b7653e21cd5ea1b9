/**
 * Copies text from a click handler. The async Clipboard API is tried first; where the page denies it
 * (a permissions policy, an insecure origin) the selection-based copy inside our own shadow root is
 * the fallback, so nothing of the page is selected or touched.
 */
export async function copyText(text: string, root: ShadowRoot | Document = document): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0';
    (root instanceof Document ? root.body : root).append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}
