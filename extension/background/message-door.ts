import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { MESSAGE_RULES, type MessageData, type MessageName } from '../message-schemas';
import { onMessage, type ProtocolMap } from '../messaging';

/** What the background knows of who sent a message (runtime.MessageSender). */
export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** One of this extension's own pages (popup, dashboard), not a content script in a TikTok tab. */
export function fromExtensionPage(sender: MessageSender, extensionId: string, extensionRoot: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionRoot);
}

/**
 * Why a message is refused, or null: from another extension; privileged and not from the
 * extension's own pages; or data its schema does not take (said in the schema's own words).
 */
export function refusal(name: MessageName, data: unknown, sender: MessageSender, extensionId: string, extensionRoot: string) {
  const rule = MESSAGE_RULES[name];
  if (!rule) return `"${String(name)}" is not a message this extension knows.`;
  if (sender.id !== extensionId) return `"${name}" is accepted only from this extension.`;
  if (rule.from === 'extension' && !fromExtensionPage(sender, extensionId, extensionRoot)) {
    return `"${name}" is accepted only from the extension's own pages, not from a web page's helper.`;
  }
  return problemsOf(rule.data, data)?.message ?? null;
}

/** What is wrong with data, in the schema's own words: the whole message, and each field's. */
export function problemsOf(schema: z.ZodType, data: unknown): { message: string; fields: Record<string, string> } | null {
  const parsed = schema.safeParse(data);
  if (parsed.success) return null;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in fields)) fields[field] = issue.message;
  }
  const message = [...new Set(parsed.error.issues.slice(0, 3).map((issue) => issue.message))].join(' ');
  return { message, fields };
}

/** A refused message: words for the person, and which field each concerns, so a form can mark it. */
export class RefusedMessage extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RefusedMessage';
  }
}

/**
 * The background's one door: every handler is registered here, so no message reaches one before
 * its sender is allowed and its data parsed by the message's schema.
 */
export function handle<K extends MessageName>(
  name: K,
  handler: (data: MessageData<K>, sender: MessageSender) => ReturnType<ProtocolMap[K]> | Promise<ReturnType<ProtocolMap[K]>>,
): void {
  const register = onMessage as unknown as (type: K, fn: (message: { data: unknown; sender: MessageSender }) => unknown) => void;
  register(name, ({ data, sender }) => {
    const why = refusal(name, data, sender, browser.runtime.id, browser.runtime.getURL('/'));
    if (why !== null) throw new RefusedMessage(why, problemsOf(MESSAGE_RULES[name].data, data)?.fields);
    return handler(MESSAGE_RULES[name].data.parse(data) as MessageData<K>, sender);
  });
}
